/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the kernel's scheduling policy (kernel/sched_policy.c):
 * claims by priority while their quota lasts, fills round robin, refills
 * every super period, preemption decisions, quota changes. Time is
 * simulated: the test runs the decision loop the kernel runs, advancing the
 * clock to each deadline sp_deadline() asks for.
 */
#include <string.h>
#include <stdint.h>
#include "check.h"
#include "../../kernel/sched_policy.c"

#define PERIOD 100000u    /* ticks per super period */
#define SLICE  1000u      /* ticks per slice: 1 % of a period */

struct sim {
	struct sp_sched  s;
	struct sp_share *cur;
	uint64_t         now;
	unsigned         decisions;
};

static void sim_init(struct sim *m)
{
	memset(m, 0, sizeof(*m));
	sp_init(&m->s, PERIOD, SLICE, 0);
}

/* every share stays ready (spins) until 'until' */
static void sim_run(struct sim *m, uint64_t until)
{
	while (m->now < until) {
		sp_account(&m->s, m->cur, m->now);
		m->cur = sp_schedule(&m->s, m->cur, m->now);
		m->decisions++;
		uint64_t d = sp_deadline(&m->s, m->cur);
		if (d > until)
			d = until;
		if (d <= m->now)          /* a deadline in the past would loop forever */
			d = m->now + 1;
		m->now = d;
	}
	sp_account(&m->s, m->cur, m->now);
}

static void ready(struct sim *m, struct sp_share *sh, uint32_t prio, uint64_t quota)
{
	sp_share_init(sh, prio, quota);
	sp_ready(&m->s, sh);
}

/* two claims of 75 % and 25 % get exactly that, period after period */
static void claims_split(void)
{
	struct sim m;
	struct sp_share a, b;
	sim_init(&m);
	ready(&m, &a, 3, PERIOD * 3 / 4);
	ready(&m, &b, 3, PERIOD / 4);
	sim_run(&m, 3 * PERIOD);
	CN_CHECK_EQ(a.used, 3u * PERIOD * 3 / 4);
	CN_CHECK_EQ(b.used, 3u * PERIOD / 4);
	/* no more than one decision per slice plus refills */
	CN_CHECK(m.decisions <= 3 * PERIOD / SLICE + 10);
}

/* a high-priority claim that spins gets its quota, then shares the rest
 * with the fill as a fill itself: the fill loses no more than the quota */
static void claim_cannot_starve_fill(void)
{
	struct sim m;
	struct sp_share hi, fill;
	sim_init(&m);
	ready(&m, &hi, 15, PERIOD * 3 / 10);
	ready(&m, &fill, 0, 0);
	sim_run(&m, 4 * PERIOD);
	CN_CHECK_EQ(hi.used, 4u * (PERIOD * 3 / 10 + PERIOD * 7 / 20));
	CN_CHECK_EQ(fill.used, 4u * PERIOD * 7 / 20);
}

/* a spent claim becomes a fill: it shares the rest with the fills */
static void spent_claim_fills(void)
{
	struct sim m;
	struct sp_share c, f;
	sim_init(&m);
	ready(&m, &c, 5, PERIOD / 2);
	ready(&m, &f, 0, 0);
	sim_run(&m, PERIOD);
	/* 50 % claim, then the other half split in equal slices */
	CN_CHECK_EQ(c.used, PERIOD / 2 + PERIOD / 4);
	CN_CHECK_EQ(f.used, PERIOD / 4);
}

/* fills share round robin with equal slices, whatever their priority */
static void fills_round_robin(void)
{
	struct sim m;
	struct sp_share f[3];
	sim_init(&m);
	for (unsigned i = 0; i < 3; i++)
		ready(&m, &f[i], i * 5, 0);
	sim_run(&m, 30 * SLICE);
	for (unsigned i = 0; i < 3; i++)
		CN_CHECK_EQ(f[i].used, 10u * SLICE);
}

/* unlimited claims: static priorities, round robin within one */
static void unlimited_is_static_priority(void)
{
	struct sim m;
	struct sp_share lo, hi1, hi2;
	sim_init(&m);
	ready(&m, &lo, 2, SP_UNLIMITED);
	ready(&m, &hi1, 7, SP_UNLIMITED);
	ready(&m, &hi2, 7, SP_UNLIMITED);
	sim_run(&m, 2 * PERIOD + 10 * SLICE);
	CN_CHECK_EQ(lo.used, 0u);
	CN_CHECK_EQ(hi1.used, PERIOD + 5 * SLICE);
	CN_CHECK_EQ(hi2.used, PERIOD + 5 * SLICE);
	CN_CHECK_EQ(sp_claim_left(&m.s, &hi1), SP_UNLIMITED);
}

/* preemption decisions on wake-up */
static void preemption(void)
{
	struct sim m;
	struct sp_share fill, lo, hi, spent;
	sim_init(&m);
	ready(&m, &fill, 9, 0);
	sim_run(&m, SLICE / 2);
	CN_CHECK(m.cur == &fill);
	sp_share_init(&lo, 1, PERIOD / 10);
	sp_share_init(&hi, 8, PERIOD / 10);
	sp_share_init(&spent, 15, 0);
	CN_CHECK(sp_preempts(&m.s, m.cur, &lo));       /* a claim preempts a fill */
	CN_CHECK(!sp_preempts(&m.s, m.cur, &spent));   /* a fill does not */
	CN_CHECK(sp_preempts(&m.s, NULL, &spent));     /* anything beats idle */
	sp_ready(&m.s, &lo);
	sp_account(&m.s, m.cur, m.now);
	m.cur = sp_schedule(&m.s, m.cur, m.now);
	CN_CHECK(m.cur == &lo);
	CN_CHECK(sp_preempts(&m.s, m.cur, &hi));       /* higher claim preempts */
	CN_CHECK(!sp_preempts(&m.s, &hi, &lo));        /* lower does not */
	CN_CHECK(sp_may_run(&m.s, 0));                 /* queued fills do not count */
	sp_ready(&m.s, &hi);
	CN_CHECK(!sp_may_run(&m.s, 7));
	CN_CHECK(sp_may_run(&m.s, 8));
	sp_unready(&m.s, &hi);
	CN_CHECK(!sp_queued(&hi));
	CN_CHECK(sp_queued(&fill));
}

/* quota is refilled at counter multiples of the super period */
static void refill_at_period(void)
{
	struct sim m;
	struct sp_share c, f;
	sim_init(&m);
	ready(&m, &c, 4, PERIOD / 10);
	ready(&m, &f, 0, 0);
	sim_run(&m, PERIOD / 2);
	CN_CHECK_EQ(sp_claim_left(&m.s, &c), 0u);
	sim_run(&m, PERIOD + 1);
	CN_CHECK_EQ(m.s.period_end, 2u * PERIOD);
	/* at the period's start the claim took the CPU back at once */
	CN_CHECK(m.cur == &c);
	CN_CHECK_EQ(sp_claim_left(&m.s, &c), PERIOD / 10 - 1);
}

/* changing quota and priority of queued and running shares */
static void set_quota(void)
{
	struct sim m;
	struct sp_share a, b;
	sim_init(&m);
	ready(&m, &a, 3, 0);
	ready(&m, &b, 3, 0);
	sp_set(&m.s, &b, 6, PERIOD / 5);         /* queued: becomes a claim */
	CN_CHECK(sp_queued(&b));
	CN_CHECK_EQ(m.s.claim_bits, 1u << 6);
	sim_run(&m, PERIOD);
	CN_CHECK_EQ(b.used, PERIOD / 5 + (PERIOD - PERIOD / 5) / 2);
	sim_run(&m, PERIOD + SLICE / 2);         /* refilled; b runs first */
	CN_CHECK(m.cur == &b);
	CN_CHECK_EQ(sp_claim_left(&m.s, &b), PERIOD / 5 - SLICE / 2);
	sp_set(&m.s, &b, 6, PERIOD / 10);        /* less: clamped */
	CN_CHECK_EQ(sp_claim_left(&m.s, &b), PERIOD / 10);
	sp_set(&m.s, &b, 6, PERIOD / 2);         /* more: the difference is added */
	CN_CHECK_EQ(sp_claim_left(&m.s, &b), PERIOD / 2 - PERIOD / 10 + PERIOD / 10);
	sp_set(&m.s, &b, 6, 0);
	CN_CHECK_EQ(m.s.claim_bits, 0u);
	sp_set(&m.s, &a, 2, SP_UNLIMITED);
	CN_CHECK_EQ(sp_claim_left(&m.s, &a), SP_UNLIMITED);
}

/* a share moving between two CPUs' policies keeps the claim it has left in
 * this super period, although each policy counts its periods itself */
static void move_between_cpus(void)
{
	struct sim a, b;
	struct sp_share c, f;
	sim_init(&a);
	sim_init(&b);
	sim_run(&b, 3 * PERIOD + 1);             /* b has counted more periods */
	b.now = a.now = 3 * PERIOD + 1;
	sim_run(&a, 3 * PERIOD + 1);
	ready(&a, &c, 5, PERIOD / 10);
	ready(&a, &f, 0, 0);
	sim_run(&a, 3 * PERIOD + PERIOD / 20);   /* half the claim spent on a */
	CN_CHECK(a.cur == &c);
	CN_CHECK_EQ(sp_claim_left(&a.s, &c), PERIOD / 20 + 1);
	a.cur = sp_schedule(&a.s, NULL, a.now);  /* c leaves a: f runs there */
	CN_CHECK(a.cur == &f);
	sp_move(&a.s, &b.s, &c, a.now);
	CN_CHECK_EQ(sp_claim_left(&b.s, &c), PERIOD / 20 + 1);
	b.now = a.now;
	sp_ready(&b.s, &c);
	sim_run(&b, b.now + PERIOD / 20 + 1);    /* the rest of the claim */
	CN_CHECK_EQ(sp_claim_left(&b.s, &c), 0u);
	CN_CHECK_EQ(c.used, PERIOD / 10);
	CN_CHECK(b.s.on_claim);
	sim_run(&b, b.now + 1);                  /* then a fill */
	CN_CHECK(!b.s.on_claim);
	sim_run(&b, 4 * PERIOD + SLICE);         /* b's next period refills it */
	CN_CHECK(b.s.on_claim);
	CN_CHECK_EQ(sp_claim_left(&b.s, &c), PERIOD / 10 - SLICE);
	/* a policy that did not look at the clock for a period (an idle
	 * CPU) hands over a refilled claim */
	b.cur = sp_schedule(&b.s, NULL, b.now);
	CN_CHECK(b.cur == NULL);
	sp_move(&b.s, &a.s, &c, 5 * PERIOD + 1);
	CN_CHECK_EQ(sp_claim_left(&a.s, &c), PERIOD / 10);
}

/* decisions with nothing on the CPU (an idle CPU, a thread that blocked:
 * sp_schedule()'s inline path): the top claim, the next claim, then fills;
 * a fill refilled by a new super period is queued twice and leaves both
 * queues when it runs */
static void idle_decisions(void)
{
	struct sim m, other;
	struct sp_share hi, lo, f, c, x;
	sim_init(&m);
	sim_init(&other);
	ready(&m, &lo, 2, SP_UNLIMITED);
	ready(&m, &f, 9, 0);
	ready(&m, &hi, 5, PERIOD / 10);
	CN_CHECK_EQ(m.s.claim_bits, (1u << 5) | (1u << 2));
	CN_CHECK(sp_schedule(&m.s, NULL, 10) == &hi);
	CN_CHECK(m.s.on_claim);
	CN_CHECK_EQ(m.s.slice_end, 10u + SLICE);
	CN_CHECK(!sp_queued(&hi));
	CN_CHECK_EQ(m.s.claim_bits, 1u << 2);
	CN_CHECK(sp_schedule(&m.s, NULL, 20) == &lo);
	CN_CHECK_EQ(m.s.claim_bits, 0u);
	CN_CHECK(sp_schedule(&m.s, NULL, 30) == &f);
	CN_CHECK(!m.s.on_claim);
	CN_CHECK(!sp_queued(&f));
	CN_CHECK(sp_schedule(&m.s, NULL, 40) == NULL);

	sim_init(&m);
	ready(&m, &c, 4, PERIOD / 10);
	ready(&m, &f, 0, 0);
	sim_run(&m, PERIOD / 2);                 /* c's claim spent: two fills */
	CN_CHECK_EQ(sp_claim_left(&m.s, &c), 0u);
	sp_ready(&m.s, m.cur);                   /* (preempted) both queued */
	CN_CHECK(!cn_list_elem_linked(&c.claim_link));
	sp_share_init(&x, 0, 0);
	sp_move(&m.s, &other.s, &x, PERIOD + 5); /* brings m to the new period */
	CN_CHECK(cn_list_elem_linked(&c.claim_link) && cn_list_elem_linked(&c.fill_link));
	CN_CHECK(sp_schedule(&m.s, NULL, PERIOD + 5) == &c);
	CN_CHECK(m.s.on_claim);
	CN_CHECK(!sp_queued(&c));
	CN_CHECK(cn_list_first(&m.s.fills) == &f.fill_link && cn_list_last(&m.s.fills) == &f.fill_link);
	CN_CHECK(sp_schedule(&m.s, NULL, PERIOD + 6) == &f);
	CN_CHECK(cn_list_empty(&m.s.fills));
}

int main(void)
{
	cn_test_program = "sched_policy_test";
	CN_RUN(claims_split);
	CN_RUN(claim_cannot_starve_fill);
	CN_RUN(spent_claim_fills);
	CN_RUN(fills_round_robin);
	CN_RUN(unlimited_is_static_priority);
	CN_RUN(preemption);
	CN_RUN(refill_at_period);
	CN_RUN(set_quota);
	CN_RUN(move_between_cpus);
	CN_RUN(idle_decisions);
	return CN_TEST_RESULT();
}
