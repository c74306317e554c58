/*
 * The C twin of the reference buddy allocator, for `npm run bench`: the same
 * algorithm as reference/buddy (rmqueue_smallest + expand, __free_one_page
 * with buddy_merge_likely tail placement) over the same struct-of-arrays zone
 * layout (circular buddy_list links with list heads after the pages), one
 * migratetype, driven by the same trace. It prints a checksum of every
 * allocated pfn so the benchmark can prove both ran the same computation.
 *
 *   cc -O2 -o buddy buddy.c && ./buddy <pages> <trace.bin>
 *
 * trace.bin: pairs of little-endian uint32 (u, order). Op rule (shared with
 * test/bench/twin.mjs): with `live` blocks held, allocate 2^order pages if
 * live == 0 or (live < MAX_LIVE and u is odd), else free live[(u >> 1) % live]
 * (swap-remove).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_PAGE_ORDER 10
#define NR_ORDERS 11
#define MAX_LIVE 20000
#define PG_BUDDY 1

static int32_t *next, *prev;
static uint8_t *flags, *priv;
static int32_t npages;
static int32_t nr_free[NR_ORDERS];
static int64_t nr_free_pages;

static inline int32_t head(int order) { return npages + order; }

static void list_add(int32_t n, int32_t h, int tail) {
	int32_t a = tail ? prev[h] : h, b = tail ? h : next[h];
	next[a] = n; prev[n] = a; next[n] = b; prev[b] = n;
}
static void list_del(int32_t n) {
	next[prev[n]] = next[n]; prev[next[n]] = prev[n]; next[n] = prev[n] = -1;
}
static void add_to_free_list(int32_t pfn, int order, int tail) {
	list_add(pfn, head(order), tail);
	flags[pfn] |= PG_BUDDY; priv[pfn] = (uint8_t)order; nr_free[order]++;
}
static void del_from_free_list(int32_t pfn, int order) {
	list_del(pfn); flags[pfn] &= ~PG_BUDDY; priv[pfn] = 0; nr_free[order]--;
}
static inline int page_is_buddy(int32_t pfn, int order) {
	return pfn >= 0 && pfn < npages && (flags[pfn] & PG_BUDDY) && priv[pfn] == order;
}
static int buddy_merge_likely(int32_t pfn, int32_t buddy, int order) {
	if (order >= MAX_PAGE_ORDER - 1) return 0;
	int32_t higher = buddy & pfn;
	if (higher < 0 || higher >= npages) return 0;
	return page_is_buddy(higher ^ (1 << (order + 1)), order + 1);
}
static void free_one_page(int32_t pfn, int order) {
	int32_t buddy = 0;
	nr_free_pages += 1 << order;
	while (order < MAX_PAGE_ORDER) {
		buddy = pfn ^ (1 << order);
		if (!page_is_buddy(buddy, order)) break;
		del_from_free_list(buddy, order);
		pfn &= buddy;
		order++;
	}
	add_to_free_list(pfn, order, buddy_merge_likely(pfn, buddy, order));
}
static int32_t rmqueue_smallest(int order) {
	for (int cur = order; cur < NR_ORDERS; cur++) {
		int32_t h = head(cur), pfn = next[h];
		if (pfn == h) continue;
		del_from_free_list(pfn, cur);
		while (cur > order) {
			cur--;
			add_to_free_list(pfn + (1 << cur), cur, 0);
		}
		nr_free_pages -= 1 << order;
		return pfn;
	}
	return -1;
}

int main(int argc, char **argv) {
	if (argc != 3) { fprintf(stderr, "usage: %s <pages> <trace.bin>\n", argv[0]); return 2; }
	npages = atoi(argv[1]);
	FILE *f = fopen(argv[2], "rb");
	if (!f) { perror(argv[2]); return 2; }
	fseek(f, 0, SEEK_END); long bytes = ftell(f); fseek(f, 0, SEEK_SET);
	uint32_t *trace = malloc(bytes);
	if (fread(trace, 1, bytes, f) != (size_t)bytes) { perror("read"); return 2; }
	fclose(f);
	long nops = bytes / 8;
	next = malloc(sizeof(int32_t) * (npages + NR_ORDERS)); prev = malloc(sizeof(int32_t) * (npages + NR_ORDERS));
	flags = calloc(npages, 1); priv = calloc(npages, 1);
	for (int32_t i = 0; i < npages + NR_ORDERS; i++) next[i] = prev[i] = (i >= npages) ? i : -1;
	for (int32_t pfn = 0; pfn < npages; pfn += 1 << MAX_PAGE_ORDER) { add_to_free_list(pfn, MAX_PAGE_ORDER, 1); nr_free_pages += 1 << MAX_PAGE_ORDER; }
	int32_t *live_pfn = malloc(sizeof(int32_t) * MAX_LIVE); uint8_t *live_order = malloc(MAX_LIVE);
	int32_t live = 0; uint32_t sum = 2166136261u; long allocs = 0, frees = 0, failed = 0;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < nops; i++) {
		uint32_t u = trace[2 * i], order = trace[2 * i + 1];
		if (live == 0 || (live < MAX_LIVE && (u & 1))) {
			int32_t pfn = rmqueue_smallest(order);
			sum = (sum ^ (uint32_t)(pfn + 1)) * 16777619u;
			if (pfn < 0) { failed++; continue; }
			live_pfn[live] = pfn; live_order[live] = order; live++; allocs++;
		} else {
			uint32_t k = (u >> 1) % live;
			free_one_page(live_pfn[k], live_order[k]);
			live--; live_pfn[k] = live_pfn[live]; live_order[k] = live_order[live]; frees++;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	printf("{\"ops\":%ld,\"allocs\":%ld,\"frees\":%ld,\"failed\":%ld,\"checksum\":%u,\"freePages\":%lld,\"ms\":%.3f}\n",
	       nops, allocs, frees, failed, sum, (long long)nr_free_pages, ms);
	return 0;
}
