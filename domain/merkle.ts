// RFC 6962 §2.1 Merkle tree over the audit log (SPEC §5), pure: the hash function is given
// (SM3 or SHA-256, db/repositories/audit.repo.ts chooses), so this module has no I/O and no
// Node built-in. Leaves are the already-hashed leaf hashes, H(0x00 ‖ entry).

export type Hash = (bytes: Uint8Array) => Uint8Array;

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

/** RFC 6962 §2.1: leaf hash H(0x00 ‖ d). */
export const leafHash = (h: Hash, entry: Uint8Array): Uint8Array => h(concat(Uint8Array.of(0), entry));

/** RFC 6962 §2.1: interior node H(0x01 ‖ left ‖ right). */
export const nodeHash = (h: Hash, left: Uint8Array, right: Uint8Array): Uint8Array => h(concat(Uint8Array.of(1), left, right));

/** The largest power of two strictly smaller than n (n ≥ 2): RFC 6962's split point k. */
const split = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};

/**
 * A tree over a list of leaf hashes with the perfect subtrees kept level by level, so the root
 * of any prefix (every signed head) and every proof costs O(log² n) hashes once it is built.
 */
export class MerkleTree {
  private readonly levels: Uint8Array[][];

  constructor(
    private readonly h: Hash,
    leaves: readonly Uint8Array[],
  ) {
    this.levels = [leaves.slice()];
    for (let level = this.levels[0]!; level.length > 1; ) {
      const up: Uint8Array[] = [];
      for (let i = 0; i + 1 < level.length; i += 2) up.push(nodeHash(h, level[i]!, level[i + 1]!));
      this.levels.push(up);
      level = up;
    }
  }

  get size(): number {
    return this.levels[0]!.length;
  }

  /** MTH(D[start:end]), RFC 6962 §2.1; MTH of the empty list is H(""). */
  hash(start: number, end: number): Uint8Array {
    const n = end - start;
    if (n === 0) return this.h(new Uint8Array(0));
    if ((n & (n - 1)) === 0 && start % n === 0) return this.levels[Math.log2(n)]![start / n]!;
    const k = split(n);
    return nodeHash(this.h, this.hash(start, start + k), this.hash(start + k, end));
  }

  /** The root of the tree of the first `size` leaves (what a signed head of that size signs). */
  root(size: number = this.size): Uint8Array {
    return this.hash(0, size);
  }

  /** RFC 6962 §2.1.1 PATH(m, D[0:size]): the audit path of leaf m, leaf side first. */
  inclusionProof(m: number, size: number = this.size): Uint8Array[] {
    if (m < 0 || m >= size || size > this.size) throw new RangeError(`leaf ${m} is not in a tree of ${size}`);
    const path = (m: number, start: number, end: number): Uint8Array[] => {
      const n = end - start;
      if (n === 1) return [];
      const k = split(n);
      return m < k
        ? [...path(m, start, start + k), this.hash(start + k, end)]
        : [...path(m - k, start + k, end), this.hash(start, start + k)];
    };
    return path(m, 0, size);
  }

  /** RFC 6962 §2.1.2 PROOF(m, D[0:size]): that the tree of m leaves is a prefix of this one. */
  consistencyProof(m: number, size: number = this.size): Uint8Array[] {
    if (m < 1 || m > size || size > this.size) throw new RangeError(`no consistency proof from ${m} to ${size}`);
    const subproof = (m: number, start: number, end: number, whole: boolean): Uint8Array[] => {
      const n = end - start;
      if (m === n) return whole ? [] : [this.hash(start, end)];
      const k = split(n);
      return m <= k
        ? [...subproof(m, start, start + k, whole), this.hash(start + k, end)]
        : [...subproof(m - k, start + k, end, false), this.hash(start, start + k)];
    };
    return subproof(m, 0, size, true);
  }
}

/** Recomputes a root from a leaf and its audit path (RFC 9162 §2.1.3.2), for tests and clients. */
export function rootFromInclusionProof(
  h: Hash,
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array | null {
  if (index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(h, p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = nodeHash(h, r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 ? r : null;
}

/** Checks a consistency proof between two roots (RFC 9162 §2.1.4.2). */
export function verifyConsistency(
  h: Hash,
  first: number,
  second: number,
  firstRoot: Uint8Array,
  secondRoot: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  const eq = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (first === second) return proof.length === 0 && eq(firstRoot, secondRoot);
  if (first < 1 || first > second || proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  if (path.length === 0) return false;
  let fn = first - 1;
  let sn = second - 1;
  while (fn % 2 === 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(h, c, fr);
      sr = nodeHash(h, c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = nodeHash(h, sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && eq(fr, firstRoot) && eq(sr, secondRoot);
}
