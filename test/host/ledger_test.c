/* SPDX-License-Identifier: MIT */
/*
 * Host test of the parent's quota books (lib/base/child_session.c,
 * child_sibling.c, child_quota.c, child_ledger.c), compiled unchanged
 * against a model of core's accounts: 1,000 randomized steps over several
 * children and servers — start, connect (and asking again), upgrade,
 * close, a server answering (or refusing, or never), kill, reconfig (kill
 * and start several) — and after every step the sum over the parent, its
 * children and the sessions at its parent is what it was at the start, and
 * the parent's ledger (cn_child_ledger) says so too. At the end, with every
 * child gone, the parent has exactly what it had. Each child's own books
 * are checked as well: its PD account plus the donations of its sessions,
 * less those of the sessions it serves, is its quantum, so a donation
 * given to the wrong one is found too. AddressSanitizer checks
 * that no request or session was left behind.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cn/child.h>
#include <cn/component.h>
#include <cn/sys.h>
#include <cn/session/pd.h>
#include <cn/session/parent.h>
#include <cn/util/args.h>
#include <cn/util/quota.h>
#include "../../lib/base/runtime.h"
#include "check.h"

/* ------------------------------------------------------------ core's accounts */
/* cap names: 1 our PD, 10.. children's PDs, 1000.. sessions at our parent,
 * 5000.. sessions servers gave, 9000 our parent */
#define OUR_PD     1u
#define PARENT     9000u
#define MAX_ACC    64
#define MAX_PSESS  256

struct acc { uint32_t ram, caps; bool live; };
static struct acc pds[MAX_ACC];                 /* by name - 10 (0: ours) */
static struct acc psess[MAX_PSESS];             /* sessions at our parent */
static uint32_t next_server_cap = 5000;
static unsigned drops, bad_drops;

static struct acc *pd_acc(uint32_t name)
{
	if (name == OUR_PD)
		return &pds[0];
	if (name >= 10 && name < 10 + MAX_ACC - 1 && pds[name - 9].live)
		return &pds[name - 9];
	return NULL;
}

/* the sum over every account core keeps */
static void totals(uint64_t *ram, uint64_t *caps)
{
	*ram = *caps = 0;
	for (unsigned i = 0; i < MAX_ACC; i++)
		if (pds[i].live || i == 0) {
			*ram += pds[i].ram;
			*caps += pds[i].caps;
		}
	for (unsigned i = 0; i < MAX_PSESS; i++)
		if (psess[i].live) {
			*ram += psess[i].ram;
			*caps += psess[i].caps;
		}
}

static int move(struct acc *from, struct acc *to, uint32_t ram, uint32_t caps)
{
	if (!from || !to)
		return CN_ERR_CAP;
	if (from->ram < ram)
		return CN_ERR_QUOTA_RAM;
	if (from->caps < caps)
		return CN_ERR_QUOTA_CAP;
	from->ram -= ram;
	from->caps -= caps;
	to->ram += ram;
	to->caps += caps;
	return 0;
}

static int pd_transfer_ram(void *ctx, cn_cap_t to, uint32_t amount)
{
	return move(ctx, pd_acc(to.name), amount, 0);
}

static int pd_transfer_caps(void *ctx, cn_cap_t to, uint32_t amount)
{
	return move(ctx, pd_acc(to.name), 0, amount);
}

static int pd_quota(void *ctx, uint32_t which, uint32_t *r)
{
	struct acc *a = ctx;
	*r = which == CN_PD_RAM_QUOTA ? a->ram : which == CN_PD_CAP_QUOTA ? a->caps : 0;
	return 0;
}

static const struct cn_pd_ops pd_ops = {
	.transfer_ram = pd_transfer_ram, .transfer_caps = pd_transfer_caps, .quota = pd_quota,
};

/* our parent: sessions paid from our account, whole account back on close */
static int par_session(void *ctx, const char *service, const char *args, cn_cap_t *r)
{
	uint32_t ram, caps;
	(void)ctx; (void)service;
	if (cn_quota_parse(args, &ram, &caps))
		return CN_ERR_ARGS;
	for (unsigned i = 0; i < MAX_PSESS; i++)
		if (!psess[i].live) {
			psess[i] = (struct acc){ 0, 0, true };
			int err = move(&pds[0], &psess[i], ram, caps);
			if (err) {
				psess[i].live = false;
				return err;
			}
			r->name = 1000 + i;
			return 0;
		}
	return CN_ERR_EXHAUSTED;
}

static struct acc *psession(uint32_t name)
{
	return name >= 1000 && name < 1000 + MAX_PSESS && psess[name - 1000].live
	       ? &psess[name - 1000] : NULL;
}

static int par_upgrade(void *ctx, cn_cap_t s, const char *args)
{
	uint32_t ram, caps;
	(void)ctx;
	struct acc *a = psession(s.name);
	if (!a)
		return CN_ERR_CAP;
	if (cn_quota_parse(args, &ram, &caps))
		return CN_ERR_ARGS;
	return move(&pds[0], a, ram, caps);
}

static int par_close(void *ctx, cn_cap_t s)
{
	(void)ctx;
	struct acc *a = psession(s.name);
	if (!a)
		return CN_ERR_CAP;
	move(a, &pds[0], a->ram, a->caps);
	a->live = false;
	return 0;
}

static int par_sigh(void *ctx, cn_cap_t c) { (void)ctx; (void)c; return 0; }

static const struct cn_parent_ops parent_ops = {
	.session = par_session, .upgrade = par_upgrade, .close = par_close,
	.session_sigh = par_sigh,
};

/* ------------------------------------------------------------ transport */
static int dispatch(uint32_t cap, struct cn_rpc_msg *m)
{
	struct acc *a = pd_acc(cap);
	if (a)
		cn_pd_dispatch(&pd_ops, a, m);
	else if (cap == PARENT)
		cn_parent_dispatch(&parent_ops, NULL, m);
	else
		return CN_ERR_CAP;
	return 0;
}

int cn_rpc_transport_call(uint32_t cap, struct cn_rpc_msg *m)
{
	return dispatch(cap, m);
}

int cn_rpc_transport_regs(uint32_t cap, struct cn_msg *k)
{
	struct cn_rpc_msg m;
	cn_rpc_msg_init(&m);
	for (uint32_t i = 0; i < CN_MSG_INFO_WORDS(k->info) && i < 4; i++)
		cn_rpc_put_word(&m, k->w[i]);
	int err = dispatch(cap, &m);
	if (err)
		return err;
	k->info = CN_MSG_INFO(m.words, 0);
	for (uint32_t i = 0; i < 4; i++)
		k->w[i] = i < m.words ? m.w[i] : 0;
	return 0;
}

/* ------------------------------------------------------------ the runtime */
static struct cn_env env = { .name = "parent", .parent = PARENT, .pd = OUR_PD };
struct cn_env *cn_env(void) { return &env; }
void cn_log(const char *fmt, ...) { (void)fmt; }
void *cn_malloc(size_t size) { return malloc(size); }
void *cn_calloc(size_t n, size_t size) { return calloc(n, size); }
void cn_free(void *p) { free(p); }
int cn_signal_handler(struct cn_signal_handler *h, void (*fn)(void *, uint32_t), void *arg,
                      uint32_t *ctx)
{
	h->fn = fn;
	h->ctx = arg;
	*ctx = 77;
	return 0;
}
void cn_signal_handler_dissolve(struct cn_signal_handler *h, uint32_t ctx) { (void)h; (void)ctx; }
void cn_runtime_own_upgrades(uint32_t *ram, uint32_t *caps) { *ram = *caps = 0; }

int cn_sys_signal_submit(uint32_t ctx, uint32_t count) { (void)ctx; (void)count; return 0; }
void cn_sys_cap_drop(uint32_t cap)
{
	drops++;
	if (!cap)
		bad_drops++;
}
int cn_sys_cap_identify_obj(uint32_t cap, uint32_t *type, uint32_t *badge, uint32_t *obj)
{
	if (!cap)
		return CN_ERR_CAP;
	*type = 1;
	*badge = cap;
	*obj = cap;
	return 0;
}

/* ------------------------------------------------------------ children */
#define NCHILD 6
#define QUANTUM_RAM  200000u
#define QUANTUM_CAPS 100u
static struct cn_child kids[NCHILD];
static bool alive[NCHILD];
static struct cn_child_service svc[NCHILD];   /* servers announce "Svc" */
static struct cn_list all = { { &all.head, &all.head } };

struct cn_child *cn_child_first(void)
{
	struct cn_list_elem *e = cn_list_first(&all);
	return e ? cn_container_of(e, struct cn_child, elem) : NULL;
}

struct cn_child *cn_child_next(struct cn_child *c)
{
	struct cn_list_elem *e = cn_list_next(&all, &c->elem);
	return e ? cn_container_of(e, struct cn_child, elem) : NULL;
}

struct cn_child_service *cn_child_service(struct cn_child *c, const char *name)
{
	unsigned i = (unsigned)(c - kids);
	return !strcmp(name, "Svc") && i % 2 == 0 ? &svc[i] : NULL;   /* even ones serve */
}

/* which server a client's "Svc" goes to: chosen per request by the test */
static struct cn_child *route_to;

static void route(void *ctx, struct cn_child *client, const char *service, const char *label,
                  const char *args, struct cn_child_route *r)
{
	(void)ctx; (void)client; (void)label; (void)args;
	r->kind = CN_CHILD_ROUTE_DENY;
	if (!strcmp(service, "LOG"))
		r->kind = CN_CHILD_ROUTE_PARENT;
	else if (!strcmp(service, "Svc") && route_to) {
		r->kind = CN_CHILD_ROUTE_CHILD;
		r->server = route_to;
	}
}

static const struct cn_child_policy policy = { route, NULL, NULL };

static unsigned collected, refused, upgraded, closed, dead;

/* the workers: requests each server has not answered */
#define MAXQ 64
struct queued { struct cn_child_request *r; void (*done)(struct cn_child_request *); };
static struct queued queue[NCHILD][MAXQ];
static unsigned nqueue[NCHILD];

int cn_child_worker_queue(struct cn_child *server, struct cn_child_request *r,
                          void (*done)(struct cn_child_request *r))
{
	unsigned i = (unsigned)(server - kids);
	if (nqueue[i] == MAXQ)
		return CN_ERR_EXHAUSTED;
	queue[i][nqueue[i]++] = (struct queued){ r, done };
	return 0;
}

void cn_child_worker_server_gone(struct cn_child *server)
{
	unsigned i = (unsigned)(server - kids);
	while (nqueue[i]) {
		struct queued q = queue[i][--nqueue[i]];
		q.r->err = CN_ERR_DEAD;
		if (q.r->op == CN_CHILD_OP_SESSION)
			q.r->cap = 0;
		q.done(q.r);
	}
}

/* the server answers its oldest request: mostly yes, sometimes no */
static void answer(unsigned i)
{
	if (!nqueue[i])
		return;
	struct queued q = queue[i][0];
	memmove(&queue[i][0], &queue[i][1], (nqueue[i] - 1) * sizeof(queue[i][0]));
	nqueue[i]--;
	int roll = rand() % 10;
	q.r->err = roll < 7 ? 0 : roll < 9 ? CN_ERR_QUOTA_RAM : CN_ERR_EXHAUSTED;
	if (q.r->op == CN_CHILD_OP_CLOSE)
		q.r->err = 0;
	if (q.r->op == CN_CHILD_OP_SESSION)
		q.r->cap = q.r->err ? 0 : next_server_cap++;
	upgraded += q.r->op == CN_CHILD_OP_UPGRADE;
	closed += q.r->op == CN_CHILD_OP_CLOSE;
	q.done(q.r);
}

/* a server with something to answer answers */
static void answer_some(void)
{
	unsigned first = (unsigned)rand() % NCHILD;
	for (unsigned n = 0; n < NCHILD; n++)
		if (nqueue[(first + n) % NCHILD]) {
			answer((first + n) % NCHILD);
			return;
		}
}

/* what a client holds and asks */
#define MAXH 16
struct client {
	uint32_t held[MAXH];   unsigned nheld;
	char asking[4][64];    unsigned nasking;
	uint32_t up_cap;       char up_args[64];   /* an upgrade asked again */
};
static struct client cl[NCHILD];

static void start(unsigned i)
{
	struct cn_child *c = &kids[i];
	memset(c, 0, sizeof(*c));
	memset(&cl[i], 0, sizeof(cl[i]));
	snprintf(c->name, sizeof(c->name), "c%u", i);
	cn_list_init(&c->sessions);
	cn_list_init(&c->served);
	cn_list_init(&c->services);
	cn_list_elem_init(&c->elem);
	c->policy = &policy;
	c->state = CN_CHILD_RUNNING;
	c->pd = 10 + i;
	pds[i + 1] = (struct acc){ 0, 0, true };
	CN_CHECK_EQ(move(&pds[0], &pds[i + 1], QUANTUM_RAM, QUANTUM_CAPS), 0);
	svc[i].root = 300 + i;
	cn_list_insert_tail(&all, &c->elem);
	alive[i] = true;
}

/* what child.c's cn_child_destroy does with the books, in its order */
static void kill(unsigned i)
{
	struct cn_child *c = &kids[i];
	for (struct cn_list_elem *e = cn_list_first(&c->served); e; e = cn_list_next(&c->served, e))
		dead++;                 /* sessions and requests its end resolves */
	c->state = CN_CHILD_GONE;
	cn_child_sessions_close_all(c);
	move(&pds[i + 1], &pds[0], pds[i + 1].ram, pds[i + 1].caps);   /* PD closed */
	pds[i + 1].live = false;
	cn_child_served_revoke(c);
	cn_list_remove(&c->elem);
	alive[i] = false;
}

static int pick_alive(void)
{
	for (unsigned n = 0; n < 20; n++) {
		unsigned i = (unsigned)rand() % NCHILD;
		if (alive[i])
			return (int)i;
	}
	return -1;
}

static void ask(unsigned i, const char *service, const char *args)
{
	struct client *k = &cl[i];
	uint32_t cap = 0;
	bool again = cn_child_sibling_request(&kids[i], service, args) != NULL;
	int err = cn_child_session_open(&kids[i], service, args, &cap);
	if (getenv("LEDGER_DEBUG"))
		printf("ask c%u %s %s again %d -> %d (pd %u)\n", i, service, args, again, err,
		       pds[i + 1].ram);
	if (again && !err)
		collected++;
	if (again && err && err != CN_ERR_PENDING && err != CN_ERR_DEAD)
		refused++;
	if (err == CN_ERR_PENDING && k->nasking < 4 && !strcmp(service, "Svc"))
		snprintf(k->asking[k->nasking++], 64, "%s", args);
	if (!err && k->nheld < MAXH)
		k->held[k->nheld++] = cap;
}

static const char *what;

static void step(void)
{
	int i = pick_alive();
	int roll = rand() % 100;
	if (i < 0 || roll < 5) {                                 /* start */
		what = "start";
		unsigned j = (unsigned)rand() % NCHILD;
		if (!alive[j])
			start(j);
		return;
	}
	struct client *k = &cl[i];
	if (roll < 25) {                                         /* connect */
		what = "connect";
		char args[64];
		unsigned s = (unsigned)rand() % NCHILD;
		route_to = alive[s] && s % 2 == 0 && (int)s != i ? &kids[s] : NULL;
		snprintf(args, sizeof(args), "label=\"x%d\", ram_quota=%u, cap_quota=%u",
		         rand() % 1000, 1024u * (1 + (unsigned)rand() % 4), 1 + (unsigned)rand() % 4);
		ask((unsigned)i, rand() % 4 ? "Svc" : "LOG", args);
	} else if (roll < 45 && k->nasking) {                    /* ask again */
		what = "again";
		char args[64];
		snprintf(args, sizeof(args), "%s", k->asking[--k->nasking]);
		ask((unsigned)i, "Svc", args);
	} else if (roll < 52 && k->nheld) {                      /* upgrade */
		what = "upgrade";
		uint32_t cap = k->up_cap ? k->up_cap : k->held[(unsigned)rand() % k->nheld];
		struct cn_child_session *s = cn_child_session_find(&kids[i], cap);
		if (!k->up_cap)
			snprintf(k->up_args, sizeof(k->up_args), "ram_quota=%u, cap_quota=1",
			         512u * (1 + (unsigned)rand() % 4));
		int err = s ? cn_child_session_upgrade(s, k->up_args) : CN_ERR_NOT_FOUND;
		k->up_cap = err == CN_ERR_PENDING ? cap : 0;
	} else if (roll < 62 && k->nheld) {                      /* close */
		what = "close";
		unsigned h = (unsigned)rand() % k->nheld;
		struct cn_child_session *s = cn_child_session_find(&kids[i], k->held[h]);
		if (s)
			cn_child_session_close(s);
		if (k->up_cap == k->held[h])
			k->up_cap = 0;
		k->held[h] = k->held[--k->nheld];
	} else if (roll < 96) {                                  /* a server answers */
		what = "answer";
		answer_some();
	} else if (roll < 99) {                                  /* kill */
		what = "kill";
		kill((unsigned)i);
	} else {                                                 /* reconfig */
		what = "reconfig";
		for (unsigned j = 0; j < NCHILD; j++)
			if (rand() % 2) {
				if (alive[j])
					kill(j);
				start(j);
			}
	}
}

/* each child's own books: what is in its PD account plus what its
 * sessions hold (asked, open or closing) is exactly its quantum */
static bool child_books_right(void)
{
	for (unsigned i = 0; i < NCHILD; i++) {
		if (!alive[i])
			continue;
		uint64_t ram = pds[i + 1].ram, caps = pds[i + 1].caps;
		for (struct cn_list_elem *e = cn_list_first(&kids[i].sessions); e;
		     e = cn_list_next(&kids[i].sessions, e)) {
			struct cn_child_session *s = cn_container_of(e, struct cn_child_session, elem);
			if (s->state == CN_CHILD_SESSION_ANSWERED && s->err)
				continue;          /* refused: given back already */
			ram += s->ram;
			caps += s->caps;
		}
		/* as a server, its account holds its clients' donations too */
		for (struct cn_list_elem *e = cn_list_first(&kids[i].served); e;
		     e = cn_list_next(&kids[i].served, e)) {
			struct cn_child_session *s =
				cn_container_of(e, struct cn_child_session, server_elem);
			ram -= s->ram;
			caps -= s->caps;
		}
		if (ram != QUANTUM_RAM || caps != QUANTUM_CAPS) {
			if (getenv("LEDGER_DEBUG")) {
				printf("child %u: %llu/%llu\n", i, (unsigned long long)ram,
				       (unsigned long long)caps);
				for (struct cn_list_elem *e = cn_list_first(&kids[i].sessions); e;
				     e = cn_list_next(&kids[i].sessions, e)) {
					struct cn_child_session *x =
						cn_container_of(e, struct cn_child_session, elem);
					printf("  %s kind %d state %d err %d ram %u\n", x->service, x->kind,
					       x->state, x->err, x->ram);
				}
			}
			return false;
		}
	}
	return true;
}

static void randomized_steps(void)
{
	pds[0] = (struct acc){ 8u << 20, 2000, true };
	uint64_t ram0, caps0, ram, caps;
	totals(&ram0, &caps0);
	uint32_t own_ram0 = pds[0].ram, own_caps0 = pds[0].caps;
	srand(15);
	unsigned bad = 0;
	for (unsigned n = 0; n < 1000; n++) {
		step();
		struct cn_child_ledger l;
		cn_child_ledger(&l);
		totals(&ram, &caps);
		if (ram != ram0 || caps != caps0 || l.ram != ram0 ||
		    l.caps != caps0 || !child_books_right()) {
			if (!bad++)
				printf("step %u (%s): core %llu/%llu, ledger %u/%u, at the start %llu/%llu\n", n,
				       what, (unsigned long long)ram, (unsigned long long)caps,
				       (unsigned)l.ram, (unsigned)l.caps, (unsigned long long)ram0,
				       (unsigned long long)caps0);
		}
	}
	CN_CHECK_EQ(bad, 0u);
	for (unsigned j = 0; j < NCHILD; j++)
		if (alive[j])
			kill(j);
	CN_CHECK_EQ(pds[0].ram, own_ram0);
	CN_CHECK_EQ(pds[0].caps, own_caps0);
	CN_CHECK_EQ(bad_drops, 0u);
	CN_CHECK(drops > 0);
	printf("(%u steps: %u sessions collected, %u refused, %u upgrades answered, %u closes "
	       "answered, %u sessions ended by a server's end) ", 1000u, collected, refused,
	       upgraded, closed, dead);
	/* the steps did what they are meant to */
	CN_CHECK(collected >= 10 && refused >= 5 && upgraded >= 3 && closed >= 5 && dead >= 3);
}

int main(void)
{
	cn_test_program = "ledger";
	CN_RUN(randomized_steps);
	return CN_TEST_RESULT();
}
