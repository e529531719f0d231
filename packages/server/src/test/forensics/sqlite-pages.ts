/**
 * SQLite b-tree pages as a forensic reader sees them (https://www.sqlite.org/fileformat.html#b_tree_pages). A page
 * lists its cells' offsets in key order, but new cells are carved from the unallocated gap above the cell
 * content area, downwards, as they are inserted: on a page that was not rebuilt, a new cell at a lower offset was
 * written later, even in a WITHOUT ROWID table whose keys are random. (Cells put into freed space, and pages
 * rebuilt by a split or defragmentation, carry no such order and are left out.)
 */

export interface Cell {
  page: number;
  /** Byte offset of the cell in its page. */
  offset: number;
  /** The cell's own bytes (its local part). */
  bytes: Buffer;
}

export interface PageInfo {
  page: number;
  type: number;
  /** Start of the cell content area: below it, up to the cell pointers, the page is unallocated. */
  contentStart: number;
  cells: Cell[];
}

const LEAF_TABLE = 0x0d;
const LEAF_INDEX = 0x0a;
const INTERIOR_TABLE = 0x05;
const INTERIOR_INDEX = 0x02;

function varint(buf: Buffer, at: number): { value: number; length: number } {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = buf[at + i] ?? 0;
    if (i === 8) return { value: value * 256 + byte, length: 9 };
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { value, length: i + 1 };
  }
  return { value, length: 9 };
}

/** The length of a cell's local part, per the file format's payload spill rules. */
function cellLength(buf: Buffer, offset: number, type: number, usable: number): number {
  let at = offset + (type === INTERIOR_TABLE || type === INTERIOR_INDEX ? 4 : 0);
  if (type === INTERIOR_TABLE) return at - offset + varint(buf, at).length;
  const payload = varint(buf, at);
  at += payload.length;
  if (type === LEAF_TABLE) at += varint(buf, at).length;
  const max = type === LEAF_TABLE ? usable - 35 : Math.floor(((usable - 12) * 64) / 255) - 23;
  const min = Math.floor(((usable - 12) * 32) / 255) - 23;
  if (payload.value <= max) return at - offset + payload.value;
  const k = min + ((payload.value - min) % (usable - 4));
  return at - offset + (k <= max ? k : min) + 4;
}

/** Every page of the b-tree rooted at `root`, with its cells in key order. */
export function btreePages(image: Buffer, pageSize: number, root: number): PageInfo[] {
  const usable = pageSize - (image[20] ?? 0);
  const pages: PageInfo[] = [];
  const visit = (page: number, depth: number) => {
    if (page < 1 || page * pageSize > image.length || depth > 20) return;
    const buf = image.subarray((page - 1) * pageSize, page * pageSize);
    const header = page === 1 ? 100 : 0;
    const type = buf[header] ?? 0;
    if (![LEAF_TABLE, LEAF_INDEX, INTERIOR_TABLE, INTERIOR_INDEX].includes(type)) return;
    const interior = type === INTERIOR_TABLE || type === INTERIOR_INDEX;
    const count = buf.readUInt16BE(header + 3);
    const pointers = header + (interior ? 12 : 8);
    const cells: Cell[] = [];
    for (let i = 0; i < count; i++) {
      const offset = buf.readUInt16BE(pointers + 2 * i);
      if (interior) visit(buf.readUInt32BE(offset), depth + 1);
      const length = cellLength(buf, offset, type, usable);
      cells.push({ page, offset, bytes: buf.subarray(offset, Math.min(offset + length, pageSize)) });
    }
    if (interior) visit(buf.readUInt32BE(header + 8), depth + 1);
    pages.push({ page, type, contentStart: buf.readUInt16BE(header + 5) || 65536, cells });
  };
  visit(root, 0);
  return pages;
}

/** The leaf cells of a b-tree in key order. */
export function btreeCells(image: Buffer, pageSize: number, root: number): Cell[] {
  return btreePages(image, pageSize, root)
    .filter((p) => p.type === LEAF_TABLE || p.type === LEAF_INDEX)
    .flatMap((p) => p.cells);
}

/** The cell holding `needle` (an id or hash written in the row), if any. */
export function cellHolding(cells: Cell[], needle: string): Cell | undefined {
  const bytes = Buffer.from(needle, 'utf8');
  return cells.find((c) => c.bytes.includes(bytes));
}

/** The order in which a page's cells were carved, as far as the layout alone says: descending offset, per page. */
export function layoutOrder(cells: Cell[], keys: string[]): { page: number; keys: string[] }[] {
  const located = keys
    .map((key) => ({ key, cell: cellHolding(cells, key) }))
    .filter((l): l is { key: string; cell: Cell } => l.cell !== undefined);
  const pages = [...new Set(located.map((l) => l.cell.page))];
  return pages.map((page) => ({
    page,
    keys: located
      .filter((l) => l.cell.page === page)
      .sort((a, b) => b.cell.offset - a.cell.offset)
      .map((l) => l.key),
  }));
}

/**
 * The write order of rows one commit added, where the pages prove it: per page that kept every earlier cell where
 * it was (not rebuilt), the new cells carved from the previous unallocated gap, latest (lowest offset) last.
 */
export function commitWriteOrder(
  before: Buffer | null,
  after: Buffer,
  pageSize: number,
  root: number,
  keys: string[],
): string[][] {
  const earlier = new Map((before ? btreePages(before, pageSize, root) : []).map((p) => [p.page, p]));
  const out: string[][] = [];
  for (const page of btreePages(after, pageSize, root)) {
    if (page.type !== LEAF_TABLE && page.type !== LEAF_INDEX) continue;
    const previous = earlier.get(page.page);
    if (!previous || previous.type !== page.type) continue;
    const kept = previous.cells.every((old) =>
      page.cells.some((c) => c.offset === old.offset && c.bytes.equals(old.bytes)),
    );
    if (!kept) continue;
    const fresh = keys
      .map((key) => ({ key, cell: cellHolding(page.cells, key) }))
      .filter(
        (l): l is { key: string; cell: Cell } =>
          l.cell !== undefined && l.cell.offset < previous.contentStart,
      )
      .sort((a, b) => b.cell.offset - a.cell.offset)
      .map((l) => l.key);
    if (fresh.length >= 2) out.push(fresh);
  }
  return out;
}
