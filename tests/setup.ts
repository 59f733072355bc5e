// Eleventy imports .eleventy.ts with Node's own import(), outside Vite: register tsx's loader for it.
import { register } from "tsx/esm/api";

register();
