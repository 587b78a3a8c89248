#!/usr/bin/env node
// Keeps the repository's references followable (docs/architecture.md#citations-stay-honest). It fails
// when a file cites a document that lives outside the repository, a numbered section of one, or an
// issue number; when a `docs/<file>.md#<anchor>` citation names a missing file or heading; and when a
// Markdown file links outside the repository or to a missing file. Plain ESM, no dependencies.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commentText, jsComments } from './doc-refs/comments.mjs';
import { anchorsOf, markdownLinks, slugify } from './doc-refs/markdown.mjs';

export { anchorsOf, jsComments, slugify };

/** Notes that were never part of the repository; comments cite docs/ headings instead. */
const OUTSIDE_DOCS = /\b(?:DESIGN|PROTOCOL|STYLE|ROUTING)\.md\b/g;
const OUTSIDE_PATHS = [
  /(?:\.\.\/)+shared\//g,
  /\/work\/shared\b/g,
  /(?<![\w@./-])shared\/telnyx\b/g,
];
/** The section sign before a number: a numbered section of a document the reader does not have. */
const SECTION_SIGN = /(?<!\b(?:RFC|BCP|STD|TS|TR|ISO|IEC|ITU-T\s+[A-Z]\.)\s*[\d.-]+\s*)§\s*\d/g; // RFC 3966 §5 is public
/** The word issue before a number (with or without `#`): tracker numbers mean nothing to a reader. */
const ISSUE_WORD = /\b(?:issue\s+#?\d+|issues\s+#\d+)/gi;
/** A bare `#12` in a comment or in prose (not `PKCS#8`, `` `#123` ``, `'#99'` or a colour). */
const HASH_NUMBER = /(?<![Ii]ssues?\s*)(?<![\w&#/`'"\\-])#\d{1,5}\b(?![\w`'"-])/g;
/** `docs/<file>.md` with an optional `#anchor`, not as part of a longer path or URL. */
const DOC_CITATION = /(?<![\w./-])docs\/((?:[\w-]+\/)*[\w.-]+\.md)(#[\w-]*)?/g;

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', 'out', 'coverage', '.data']);
const SKIP_FILES = new Set(['package-lock.json']);
const BINARY = new Set(
  '.png .jpg .jpeg .gif .ico .icns .webp .wav .mp3 .ogg .woff .woff2 .ttf .zip .gz .pdf .wasm'.split(
    ' ',
  ),
);

function lineAt(source, offset) {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i += 1) if (source[i] === '\n') line += 1;
  return line;
}

/** Files to check: what git tracks or would track (not ignored), else a walk of the tree. */
export function listFiles(root) {
  let names;
  try {
    const out = execFileSync(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    names = [...new Set(out.split('\0').filter(Boolean))];
  } catch {
    names = walk(root, '');
  }
  return names
    .filter((name) => !name.split('/').some((part) => SKIP_DIRS.has(part)))
    .filter((name) => !SKIP_FILES.has(name.split('/').pop() ?? ''))
    .filter((name) => !BINARY.has(extname(name).toLowerCase()))
    .filter((name) => existsSync(join(root, name)) && statSync(join(root, name)).isFile())
    .sort();
}

function walk(root, dir) {
  const out = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...walk(root, rel));
    } else if (entry.isFile()) out.push(rel);
  }
  return out;
}

/** Checks every file under `root`; returns the problems found, `{file, line, message}` each. */
export function checkRepository(root, files = listFiles(root)) {
  const problems = [];
  const anchorCache = new Map();
  const anchorsFor = (absPath) => {
    if (!anchorCache.has(absPath))
      anchorCache.set(absPath, anchorsOf(readFileSync(absPath, 'utf8')));
    return anchorCache.get(absPath);
  };
  const stats = { files: 0, citations: 0, links: 0 };
  for (const file of files) {
    const source = readFileSync(join(root, file), 'utf8');
    if (source.includes('\0')) continue;
    stats.files += 1;
    const report = (offset, message) =>
      problems.push({ file, line: lineAt(source, offset), message });

    const outsideLines = new Set();
    for (const m of source.matchAll(OUTSIDE_DOCS)) {
      outsideLines.add(lineAt(source, m.index));
      report(
        m.index,
        `cites "${m[0]}", which is not in the repository: cite a docs/ heading instead`,
      );
    }
    for (const pattern of OUTSIDE_PATHS) {
      for (const m of source.matchAll(pattern)) {
        report(
          m.index,
          `points at "${m[0]}", outside the repository: cite a docs/ heading instead`,
        );
      }
    }
    for (const m of source.matchAll(SECTION_SIGN)) {
      if (outsideLines.has(lineAt(source, m.index))) continue; // one problem per citation is enough
      report(m.index, `cites a numbered section ("${m[0]}") of a document the reader cannot open`);
    }
    for (const m of source.matchAll(ISSUE_WORD)) {
      report(m.index, `cites "${m[0]}": issue numbers are not in the repository; say why instead`);
    }
    for (const [offset, text] of commentText(file, source)) {
      for (const m of text.matchAll(HASH_NUMBER)) {
        report(
          offset + m.index,
          `cites "${m[0]}", which looks like an issue number; say why instead`,
        );
      }
    }

    const markdown = extname(file).toLowerCase() === '.md';
    for (const m of source.matchAll(DOC_CITATION)) {
      // In Markdown a link target is checked as a link, relative to its file (below).
      const before = source.slice(Math.max(0, m.index - 16), m.index);
      if (markdown && /(?:\]\(\s*<?|\]:\s*<?|href=")$/.test(before)) continue;
      stats.citations += 1;
      const target = join(root, 'docs', m[1]);
      const anchor = m[2]?.slice(1);
      if (!existsSync(target)) report(m.index, `cites docs/${m[1]}, which does not exist`);
      else if (m[2] !== undefined && !anchor)
        report(m.index, `cites docs/${m[1]}# with no heading`);
      else if (anchor && !anchorsFor(target).has(anchor)) {
        report(m.index, `cites docs/${m[1]}#${anchor}, but docs/${m[1]} has no such heading`);
      }
    }

    if (markdown) {
      for (const { target, offset } of markdownLinks(source)) {
        stats.links += 1;
        const problem = checkLink(root, file, target, anchorsFor);
        if (problem) report(offset, problem);
      }
    }
  }
  const ordered = dedupe(problems).sort((a, b) =>
    a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1,
  );
  return { problems: ordered, stats };
}

function dedupe(problems) {
  const seen = new Set();
  return problems.filter((p) => {
    const key = `${p.file}:${p.line}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** One Markdown link: external URLs pass; anything else must resolve inside the repository. */
export function checkLink(root, file, rawTarget, anchorsFor) {
  const target = rawTarget.trim();
  if (/^file:/i.test(target)) return `links to "${target}", a file outside the repository`;
  if (/^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) return null;
  const hashAt = target.indexOf('#');
  const pathPart = hashAt === -1 ? target : target.slice(0, hashAt);
  const anchor = hashAt === -1 ? undefined : target.slice(hashAt + 1);
  let decoded;
  try {
    decoded = decodeURIComponent(pathPart.split('?')[0] ?? '');
  } catch {
    return `links to "${target}", which is not a valid path`;
  }
  const rootAbs = resolve(root);
  const absPath =
    decoded === ''
      ? join(rootAbs, file)
      : decoded.startsWith('/')
        ? join(rootAbs, decoded)
        : resolve(rootAbs, dirname(file), decoded);
  const rel = relative(rootAbs, absPath);
  if (rel.split(sep)[0] === '..' || isAbsolute(rel)) {
    return `links to "${target}", outside the repository`;
  }
  if (!existsSync(absPath)) return `links to "${target}", which does not exist`;
  if (anchor !== undefined && extname(absPath).toLowerCase() === '.md') {
    if (anchor === '') return `links to "${target}" with an empty heading`;
    if (!anchorsFor(absPath).has(decodeURIComponent(anchor))) {
      return `links to "${target}", but ${relative(rootAbs, absPath)} has no such heading`;
    }
  }
  return null;
}

function main() {
  const root = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
  const { problems, stats } = checkRepository(root);
  for (const p of problems) console.error(`${p.file}:${p.line}: ${p.message}`);
  if (problems.length > 0) {
    console.error(`check-doc-refs: ${problems.length} problem(s) in ${stats.files} files`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `check-doc-refs: ${stats.files} files, ${stats.citations} docs citations and ${stats.links} Markdown links resolve`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
