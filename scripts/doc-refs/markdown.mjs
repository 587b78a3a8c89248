// Markdown as GitHub reads it: heading anchors, prose outside code, link targets.

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function slugify(text) {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Heading text as GitHub renders it before making the anchor: no markup, links as their text. */
function plainHeading(raw) {
  return raw
    .replace(/\s+#+\s*$/, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`/g, '')
    .trim();
}

/** Every anchor a Markdown document offers: ATX headings (deduplicated as GitHub does) and `<a id>`. */
export function anchorsOf(markdown) {
  const anchors = new Set();
  const occurrences = new Map(); // github-slugger: a repeated heading gets -1, -2, …
  for (const { text } of proseLines(markdown)) {
    for (const m of text.matchAll(/<a\s+(?:[^>]*\s)?(?:id|name)="([^"]+)"/g)) anchors.add(m[1]);
    const heading = /^ {0,3}#{1,6}\s+(.*)$/.exec(text);
    if (!heading) continue;
    const base = slugify(plainHeading(heading[1] ?? ''));
    let slug = base;
    while (occurrences.has(slug)) {
      const n = (occurrences.get(base) ?? 0) + 1;
      occurrences.set(base, n);
      slug = `${base}-${n}`;
    }
    occurrences.set(slug, 0);
    anchors.add(slug);
  }
  return anchors;
}

/** Lines of Markdown outside fenced code blocks, with their 1-based numbers. */
export function proseLines(markdown) {
  const out = [];
  let fence = null;
  markdown.split('\n').forEach((text, i) => {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (marker) {
      const ticks = marker[1] ?? '';
      if (fence === null) fence = ticks;
      else if (ticks[0] === fence[0] && ticks.length >= fence.length) fence = null;
      return;
    }
    if (fence === null) out.push({ text, line: i + 1 });
  });
  return out;
}

/** Markdown prose with inline code blanked, as [offset, text] pairs (offsets kept for line numbers). */
export function markdownProse(source) {
  const offsets = [];
  let offset = 0;
  const lines = source.split('\n');
  const starts = lines.map((line) => {
    const start = offset;
    offset += line.length + 1;
    return start;
  });
  for (const { text, line } of proseLines(source)) {
    offsets.push([starts[line - 1], text.replace(/`[^`]*`/g, (code) => ' '.repeat(code.length))]);
  }
  return offsets;
}

/** Markdown link targets outside code: inline links and images, reference definitions, HTML. */
export function markdownLinks(source) {
  const links = [];
  for (const [offset, text] of markdownProse(source)) {
    const patterns = [
      /!?\[[^\]]*\]\(\s*<([^>]*)>[^)]*\)/g,
      /!?\[[^\]]*\]\(\s*([^)\s<][^)\s]*)(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g,
      /^\s{0,3}\[[^\]]+\]:\s*<?([^>\s]+)>?/g,
      /<(?:a|img)\s[^>]*?(?:href|src)="([^"]*)"/g,
    ];
    for (const pattern of patterns) {
      for (const m of text.matchAll(pattern)) {
        if (m[1] !== undefined) links.push({ target: m[1], offset: offset + (m.index ?? 0) });
      }
    }
  }
  return links;
}
