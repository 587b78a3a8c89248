// Comment text of source files, where a bare `#12` would be an issue reference.
import { extname } from 'node:path';
import { markdownProse } from './markdown.mjs';

const JS_LIKE = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx']);
const HASH_COMMENTS = new Set(['.sh', '.bash', '.yml', '.yaml', '.toml', '.py']);

/**
 * The comments of a JavaScript or TypeScript source, as [offset, text] pairs. Strings, template
 * literals (with nested `${}`) and regular expression literals are skipped, so a `#99` in test data
 * or a `//` in a URL string is not taken for a comment.
 */
export function jsComments(source) {
  const comments = [];
  const stack = []; // open template literals, each with its `${` brace depth
  let i = 0;
  let lastSignificant = '';
  let lastWord = '';
  const regexMayFollow = () =>
    lastSignificant === '' ||
    '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant) ||
    /^(?:return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/.test(lastWord);
  while (i < source.length) {
    const c = source[i];
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? source.length : end;
      comments.push([i, source.slice(i, stop)]);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? source.length : end + 2;
      comments.push([i, source.slice(i, stop)]);
      i = stop;
    } else if (c === '"' || c === "'") {
      i = skipQuoted(source, i, c);
      lastSignificant = c;
      lastWord = '';
    } else if (c === '`' || (c === '}' && stack.length > 0 && stack[stack.length - 1] === 0)) {
      if (c === '}') stack.pop();
      i = skipTemplate(source, i + 1, stack);
      lastSignificant = '`';
      lastWord = '';
    } else if (c === '/' && regexMayFollow()) {
      i = skipRegex(source, i);
      lastSignificant = '/';
      lastWord = '';
    } else {
      if (c === '{' && stack.length > 0) stack[stack.length - 1] += 1;
      if (c === '}' && stack.length > 0) stack[stack.length - 1] -= 1;
      if (!/\s/.test(c)) {
        if (/[\w$]/.test(c)) {
          const word = /^[\w$]+/.exec(source.slice(i))[0];
          lastWord = word;
          lastSignificant = 'a';
          i += word.length;
          continue;
        }
        lastSignificant = c;
        lastWord = '';
      }
      i += 1;
    }
  }
  return comments;
}

function skipQuoted(source, start, quote) {
  let i = start + 1;
  while (i < source.length && source[i] !== quote && source[i] !== '\n') {
    i += source[i] === '\\' ? 2 : 1;
  }
  return i + 1;
}

/** Skips template text up to its closing backtick, or into a `${` (pushing a brace depth). */
function skipTemplate(source, start, stack) {
  let i = start;
  while (i < source.length) {
    if (source[i] === '\\') i += 2;
    else if (source[i] === '`') return i + 1;
    else if (source[i] === '$' && source[i + 1] === '{') {
      stack.push(0);
      return i + 2;
    } else i += 1;
  }
  return i;
}

function skipRegex(source, start) {
  let i = start + 1;
  let inClass = false;
  while (i < source.length && source[i] !== '\n') {
    const c = source[i];
    if (c === '\\') i += 2;
    else {
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) return i + 1;
      i += 1;
    }
  }
  return i;
}

/** Comment text of a `#`-comment language: from a `#` at line start or after a space. */
function hashComments(source) {
  const comments = [];
  let offset = 0;
  for (const line of source.split('\n')) {
    const m = /(^|\s)#(?!!)/.exec(line);
    if (m) comments.push([offset + m.index + m[1].length, line.slice(m.index + m[1].length)]);
    offset += line.length + 1;
  }
  return comments;
}

/** Where bare `#12` may be an issue reference: comments in code, prose in Markdown. */
export function commentText(file, source) {
  const ext = extname(file).toLowerCase();
  if (JS_LIKE.has(ext)) return jsComments(source);
  if (ext === '.md') return markdownProse(source);
  if (HASH_COMMENTS.has(ext) || (ext === '' && source.startsWith('#!')))
    return hashComments(source);
  return [];
}
