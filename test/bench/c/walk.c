/*
 * The C twin of the reference's x86-64 page-table walker
 * (reference/pgtable/walk.ts), for `npm run bench`: the same walk over the
 * same physical-memory image (4-level paging), with the same permission,
 * reserved-bit and protection-key checks and A/D updates, on the same trace
 * of accesses. It prints a checksum of every result so the benchmark can
 * prove both computed the same thing.
 *
 *   cc -O2 -o walk walk.c && ./walk <image.bin> <trace.bin> <pkru>
 *
 * image.bin: records of (uint64 pfn, 512 × uint64 words), the table pages.
 * trace.bin: records of (uint64 va, uint64 access) where access bit 0 = write,
 * bit 1 = user, bit 2 = fetch.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define P_PRESENT 1ull
#define P_RW (1ull << 1)
#define P_USER (1ull << 2)
#define P_ACCESSED (1ull << 5)
#define P_DIRTY (1ull << 6)
#define P_PSE (1ull << 7)
#define P_NX (1ull << 63)
#define PHYS_MASK ((1ull << 52) - 1)
#define PF_PROT 1u
#define PF_WRITE 2u
#define PF_USER 4u
#define PF_RSVD 8u
#define PF_INSTR 16u
#define PF_PK 32u

static uint64_t **pages; /* by pfn */
static uint64_t npfn;
static uint32_t pkru;

static uint64_t *page(uint64_t pfn) { return pfn < npfn ? pages[pfn] : NULL; }
static uint64_t rd(uint64_t pfn, unsigned i) { uint64_t *p = page(pfn); return p ? p[i] : 0; }

static uint64_t reserved_bits(int level, int leaf) {
	if (level >= 4) return P_PSE;
	if (leaf && level == 3) return ((1ull << 30) - 1) & ~((1ull << 13) - 1);
	if (leaf && level == 2) return ((1ull << 21) - 1) & ~((1ull << 13) - 1);
	return 0;
}
static uint64_t leaf_mask(int level) {
	return PHYS_MASK & ~((1ull << (level == 3 ? 30 : level == 2 ? 21 : 12)) - 1);
}

/* kind: 0 ok, 1 #PF, 2 #GP; returns pa or error code */
static uint64_t walk(uint64_t cr3, uint64_t va, unsigned acc, int *kind) {
	int wr = acc & 1, us = (acc >> 1) & 1, fe = (acc >> 2) & 1;
	unsigned ebits = (wr ? PF_WRITE : 0) | (us ? PF_USER : 0) | (fe ? PF_INSTR : 0);
	if ((uint64_t)((int64_t)(va << 16) >> 16) != va) { *kind = 2; return 0; }
	uint64_t used_pfn[4]; unsigned used_idx[4]; int n = 0;
	uint64_t table = (cr3 & PHYS_MASK) >> 12;
	int rw = 1, user = 1, nx = 0;
	for (int level = 4; level >= 1; level--) {
		unsigned idx = (va >> (12 + 9 * (level - 1))) & 0x1ff;
		uint64_t e = rd(table, idx);
		used_pfn[n] = table; used_idx[n] = idx; n++;
		if (!(e & P_PRESENT)) { *kind = 1; return ebits; }
		int leaf = level == 1 || (level <= 3 && (e & P_PSE));
		if (e & reserved_bits(level, leaf)) { *kind = 1; return PF_PROT | PF_RSVD | ebits; }
		rw = rw && (e & P_RW); user = user && (e & P_USER); nx = nx || (e & P_NX);
		if (leaf) {
			unsigned key = (e >> 59) & 0xf;
			int pk = !fe && user && (((pkru >> (2 * key)) & 1) || (wr && ((pkru >> (2 * key + 1)) & 1)));
			if ((us && !user) || (wr && !rw) || (fe && nx) || pk) { *kind = 1; return PF_PROT | ebits | (pk ? PF_PK : 0); }
			for (int i = 0; i < n; i++) {
				uint64_t set = P_ACCESSED | ((i == n - 1 && wr) ? P_DIRTY : 0);
				uint64_t *p = page(used_pfn[i]);
				if ((p[used_idx[i]] & set) != set) p[used_idx[i]] |= set;
			}
			*kind = 0;
			return (e & leaf_mask(level)) | (va & ((1ull << (12 + 9 * (level - 1))) - 1));
		}
		table = (e & PHYS_MASK) >> 12;
	}
	return 0;
}

static void *slurp(const char *path, long *bytes) {
	FILE *f = fopen(path, "rb");
	if (!f) { perror(path); exit(2); }
	fseek(f, 0, SEEK_END); *bytes = ftell(f); fseek(f, 0, SEEK_SET);
	void *buf = malloc(*bytes);
	if (fread(buf, 1, *bytes, f) != (size_t)*bytes) { perror(path); exit(2); }
	fclose(f);
	return buf;
}

int main(int argc, char **argv) {
	if (argc != 5) { fprintf(stderr, "usage: %s <image.bin> <trace.bin> <cr3> <pkru>\n", argv[0]); return 2; }
	long ib, tb;
	uint64_t *img = slurp(argv[1], &ib), *trace = slurp(argv[2], &tb);
	uint64_t cr3 = strtoull(argv[3], NULL, 0);
	pkru = (uint32_t)strtoul(argv[4], NULL, 0);
	long nrec = ib / (8 * 513);
	for (long r = 0; r < nrec; r++) if (img[r * 513] + 1 > npfn) npfn = img[r * 513] + 1;
	pages = calloc(npfn, sizeof(*pages));
	for (long r = 0; r < nrec; r++) pages[img[r * 513]] = &img[r * 513 + 1];
	long nops = tb / 16;
	uint32_t sum = 2166136261u;
	long ok = 0, pf = 0, gp = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < nops; i++) {
		int kind;
		uint64_t r = walk(cr3, trace[2 * i], (unsigned)trace[2 * i + 1], &kind);
		sum = (sum ^ (uint32_t)kind) * 16777619u;
		sum = (sum ^ (uint32_t)r) * 16777619u;
		sum = (sum ^ (uint32_t)(r >> 32)) * 16777619u;
		if (kind == 0) ok++; else if (kind == 1) pf++; else gp++;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("{\"ops\":%ld,\"ok\":%ld,\"pf\":%ld,\"gp\":%ld,\"checksum\":%u,\"ms\":%.3f}\n", nops, ok, pf, gp, sum, ms);
	return 0;
}
