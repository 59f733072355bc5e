// The types of bin/compiled.js, for the tests that import it.
export declare function cacheOf(root: string): string;
export declare function freshCompiled(entry: string, root?: string): string | undefined;
export declare function compile(entry: string, root?: string): Promise<string>;
export declare function importCommand(entry: string): Promise<Record<string, unknown>>;
