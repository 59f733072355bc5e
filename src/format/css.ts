/**
 * Text from the data written into generated CSS (the PDF's running headers).
 * CSS gives special meaning to quotes, backslashes, every line break (\n, \r
 * and the form feed), and `<` can end the <style> element around it. Rather
 * than list what is special, everything but letters, digits and spaces is
 * written as a hex escape, which nothing in CSS or HTML reads as anything but
 * the character it stands for. Each escape ends with a space, which CSS takes
 * as part of it: a space that follows in the text is then kept.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const char of String(text)) {
    const code = char.codePointAt(0)!;
    // Control characters carry no text (and CSS reads an escaped NUL as U+FFFD); those that separate words become spaces.
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) {
      if (/[\t\n\v\f\r\x85]/.test(char)) out += " ";
      continue;
    }
    out += /[\p{L}\p{N} ]/u.test(char) && code !== 0xfeff ? char : `\\${code.toString(16)} `;
  }
  return `${out}"`;
}
