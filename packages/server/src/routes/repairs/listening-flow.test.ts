import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganization, snapshot, type TestOrganization } from '../../test/factories.js';
import { answerAll, obtainToken, openRoundWithTeam, type Proof } from '../../test/listening-factory.js';
import { linksOfPeople } from '../../test/outbox-links.js';
import { createTestApp, request, type TestApp } from '../../test/test-app.js';
import { ENGINES } from '../../test/test-database.js';

describe.each(ENGINES)('repairs and listening rounds (%s)', (engine) => {
  let app: TestApp;
  let org: TestOrganization;
  const as = (who: 'admin' | 'leader' | 'member' | 'facilitator') => ({ token: org[who].token });

  beforeAll(async () => {
    app = await createTestApp(engine);
    org = await createOrganization(app, 'Listen');
  });
  afterAll(() => app.close());

  describe('opening a repair and preparing the round', () => {
    let repairId = '';

    it('lets the team leader open a repair with a draft round of the three sincere questions', async () => {
      const res = await request(app, {
        method: 'POST',
        url: '/api/v1/repairs',
        body: {
          teamId: org.teamId,
          title: 'Reorg without asking',
          description: 'I moved the team to a new project without asking.',
          breachKinds: ['voice', 'care'],
        },
        as: as('leader'),
      });
      expect(res.statusCode, res.body).toBe(201);
      const repair = res.json();
      repairId = repair.id;
      expect(repair.stage).toBe('open');
      expect(repair.round.status).toBe('draft');
      expect(repair.round.questions.map((q: { id: string }) => q.id)).toEqual(['impact', 'need', 'restore']);
      expect(repair.round.responses).toEqual({ threshold: 3, count: null });
      expect(repair.affected).toHaveLength(2);
      expect(repair.nextStep).toMatch(/forecast/);
    });

    it('refuses members, and leaders of other teams, and people outside the team as affected', async () => {
      const body = { teamId: org.teamId, title: 'X', description: 'Y', breachKinds: ['voice'] };
      expect(
        (await request(app, { method: 'POST', url: '/api/v1/repairs', body, as: as('member') })).statusCode,
      ).toBe(403);
      const outsider = await request(app, {
        method: 'POST',
        url: '/api/v1/repairs',
        body: { ...body, affectedIds: [org.admin.actor.personId] },
        as: as('leader'),
      });
      expect(outsider.statusCode).toBe(400);
      expect(outsider.json().errors[0].path).toBe('affectedIds');
      const noKinds = await request(app, {
        method: 'POST',
        url: '/api/v1/repairs',
        body: { ...body, breachKinds: [] },
        as: as('leader'),
      });
      expect(noKinds.statusCode).toBe(400);
    });

    it('never invites the leader to answer about their own repair', async () => {
      await app.deps.db
        .insertInto('team_members')
        .values({
          team_id: org.otherTeamId,
          person_id: org.leader.actor.personId,
          created_at: new Date().toISOString(),
        })
        .execute();
      await app.deps.db
        .insertInto('team_members')
        .values({
          team_id: org.otherTeamId,
          person_id: org.plainPersonId,
          created_at: new Date().toISOString(),
        })
        .execute();
      await app.deps.db
        .updateTable('teams')
        .set({ leader_id: org.leader.actor.personId })
        .where('id', '=', org.otherTeamId)
        .execute();
      const body = { teamId: org.otherTeamId, title: 'T', description: 'D', breachKinds: ['care'] };
      const whole = await request(app, { method: 'POST', url: '/api/v1/repairs', body, as: as('leader') });
      expect(whole.statusCode, whole.body).toBe(201);
      expect(whole.json().affected.map((p: { id: string }) => p.id)).toEqual([org.plainPersonId]);
      const named = await request(app, {
        method: 'POST',
        url: '/api/v1/repairs',
        body: { ...body, affectedIds: [org.leader.actor.personId] },
        as: as('leader'),
      });
      expect(named.statusCode).toBe(400);
      expect(named.json().errors[0].path).toBe('affectedIds');
    });

    it('shows repairs to their leader, admins and facilitators, and to no one else', async () => {
      for (const who of ['leader', 'admin', 'facilitator'] as const) {
        const list = await request(app, { method: 'GET', url: '/api/v1/repairs', as: as(who) });
        expect(list.json().repairs.map((r: { id: string }) => r.id)).toContain(repairId);
      }
      expect(
        (await request(app, { method: 'GET', url: '/api/v1/repairs', as: as('member') })).json().repairs,
      ).toEqual([]);
      expect(
        (await request(app, { method: 'GET', url: `/api/v1/repairs/${repairId}`, as: as('member') }))
          .statusCode,
      ).toBe(404);
      // Facilitators follow progress but never read what people said.
      expect(
        (
          await request(app, {
            method: 'GET',
            url: `/api/v1/repairs/${repairId}/answers`,
            as: as('facilitator'),
          })
        ).statusCode,
      ).toBe(403);
    });

    it('lets the leader reword, reorder and add questions, keeping forecasts of kept questions', async () => {
      await request(app, {
        method: 'PUT',
        url: `/api/v1/repairs/${repairId}/forecast`,
        body: { forecast: { need: 'To be asked.', impact: 'Stress.' } },
        as: as('leader'),
      });
      const res = await request(app, {
        method: 'PUT',
        url: `/api/v1/repairs/${repairId}/round`,
        body: {
          questions: [
            { id: 'need', text: 'What did you need from me?' },
            { id: 'impact', text: 'How did it affect you?' },
            { text: 'Anything else?' },
          ],
          closesOn: '2099-01-31',
        },
        as: as('leader'),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().round.questions).toEqual([
        { id: 'need', text: 'What did you need from me?' },
        { id: 'impact', text: 'How did it affect you?' },
        { id: 'q3', text: 'Anything else?' },
      ]);
      expect(res.json().round.forecast).toEqual({ need: 'To be asked.', impact: 'Stress.' });
      const past = await request(app, {
        method: 'PUT',
        url: `/api/v1/repairs/${repairId}/round`,
        body: { questions: [{ text: 'Q' }], closesOn: '2001-01-01' },
        as: as('leader'),
      });
      expect(past.statusCode).toBe(400);
    });

    it('will not send the round until every question has a forecast', async () => {
      const before = await snapshot(app);
      const res = await request(app, {
        method: 'POST',
        url: `/api/v1/repairs/${repairId}/round/open`,
        as: as('leader'),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['forecast.q3']);
      expect(await snapshot(app)).toEqual(before);
    });

    it('sends the round: one link per affected person, emailed, forecast locked', async () => {
      await request(app, {
        method: 'PUT',
        url: `/api/v1/repairs/${repairId}/forecast`,
        body: { forecast: { need: 'To be asked.', impact: 'Stress.', q3: 'Nothing.' } },
        as: as('leader'),
      });
      const res = await request(app, {
        method: 'POST',
        url: `/api/v1/repairs/${repairId}/round/open`,
        as: as('leader'),
      });
      expect(res.statusCode, res.body).toBe(200);
      // The leader is told to whom the links went and how, never the links: a link in their hands could answer.
      const opened = res.json();
      expect(Object.keys(opened).sort()).toEqual(['delivery', 'sent']);
      // Without SMTP the emails wait in the outbox for the organisation's admins to hand out.
      const admins = await app.deps.db
        .selectFrom('people')
        .select('name')
        .where('organization_id', '=', org.id)
        .where('role', '=', 'admin')
        .execute();
      expect(opened.delivery).toEqual({ method: 'by_hand', handedOutBy: admins.map((a) => a.name) });
      expect(opened.sent.map((p: { personId: string }) => p.personId).sort()).toEqual(
        [org.member.actor.personId, org.plainPersonId].sort(),
      );
      expect(res.body).not.toMatch(/\/answer#|https?:\/\//);
      const links = await linksOfPeople(app, 'answer', opened.sent);
      expect(new Set(links).size).toBe(2);
      for (const link of links) expect(link).toMatch(/^[A-Za-z0-9_-]{43}$/);
      for (const link of links) expect(res.body).not.toContain(link);
      const mail = await app.deps.db
        .selectFrom('mail_outbox')
        .selectAll()
        .where('organization_id', '=', org.id)
        .execute();
      const emails = await app.deps.db
        .selectFrom('people')
        .select('email')
        .where('id', 'in', [org.member.actor.personId, org.plainPersonId])
        .execute();
      expect(mail.map((m) => m.recipient).sort()).toEqual(emails.map((e) => e.email).sort());
      expect(mail[0]?.body).toContain('/answer#');
      // Links are stored only as hashes.
      const stored = JSON.stringify(await app.deps.db.selectFrom('invitations').selectAll().execute());
      for (const link of links) expect(stored).not.toContain(link);
      const locked = await request(app, {
        method: 'PUT',
        url: `/api/v1/repairs/${repairId}/forecast`,
        body: { forecast: { need: 'changed' } },
        as: as('leader'),
      });
      expect(locked.statusCode).toBe(409);
      expect(
        (
          await request(app, {
            method: 'POST',
            url: `/api/v1/repairs/${repairId}/round/open`,
            as: as('leader'),
          })
        ).statusCode,
      ).toBe(409);
      const repair = (
        await request(app, { method: 'GET', url: `/api/v1/repairs/${repairId}`, as: as('leader') })
      ).json();
      expect(repair.stage).toBe('listening');
      expect(repair.round.invitedCount).toBe(2);
    });
  });

  describe('revealing answers only at k, and the follow-up conversation', () => {
    let repairId = '';
    let roundId = '';
    const proofs: Proof[] = [];

    beforeAll(async () => {
      // Six people: the k-th answer is stored (and shown) at once, for it leaves k who may still answer.
      const round = await openRoundWithTeam(app, org, 6);
      repairId = round.repairId;
      roundId = round.roundId;
      for (const link of round.links) proofs.push(await obtainToken(app, link.secret));
    });

    const view = async () =>
      (
        await request(app, { method: 'GET', url: `/api/v1/repairs/${repairId}/answers`, as: as('leader') })
      ).json();

    it('shows nothing, not even a count, while fewer than k people have answered', async () => {
      for (const i of [0, 1]) {
        const res = await answerAll(app, proofs[i] as Proof, {
          impact: `We lost a week of work ${i}`,
          need: `To be asked first about roadmap changes ${i}`,
          restore: 'Ask us before roadmap decisions',
        });
        // Verified and held in memory until k people's answers can be stored together: nothing is written yet.
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({ state: 'pending' });
        expect(
          await app.deps.db.selectFrom('answers').select('id').where('round_id', '=', roundId).execute(),
        ).toEqual([]);
        const v = await view();
        expect(v.responseCount).toBeNull();
        for (const q of v.questions) expect(q.answers).toBeNull();
        expect(JSON.stringify(v)).not.toContain('We lost a week');
        const repair = (
          await request(app, { method: 'GET', url: `/api/v1/repairs/${repairId}`, as: as('leader') })
        ).json();
        expect(repair.round.responses.count).toBeNull();
      }
    });

    it('reveals answers at the k-th, by day, with the forecast beside them and a perspective gap', async () => {
      const kth = await answerAll(
        app,
        proofs[2] as Proof,
        {
          impact: 'Our roadmap changed and nobody asked us',
          need: 'To be asked first',
          restore: 'Roadmap decisions with us',
        },
        'Dana',
      );
      expect(kth.statusCode, kth.body).toBe(200);
      expect(kth.json()).toEqual({ state: 'stored' });
      const v = await view();
      expect(v.responseCount).toBe(3);
      const impact = v.questions.find((q: { id: string }) => q.id === 'impact');
      expect(impact.answers).toHaveLength(3);
      expect(impact.forecast).toBe('They were surprised and worried about their projects.');
      for (const a of impact.answers) expect(a.answeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(
        impact.answers.filter((a: { authorName: string | null }) => a.authorName === 'Dana'),
      ).toHaveLength(1);
      expect(v.perspectiveGap).toBeGreaterThan(0);
      expect(v.perspectiveGap).toBeLessThanOrEqual(1);
    });

    it('carries a follow-up question to the anonymous author and their reply back', async () => {
      const v = await view();
      const named = v.questions[0].answers.find(
        (a: { authorName: string | null }) => a.authorName === 'Dana',
      );
      const asked = await request(app, {
        method: 'POST',
        url: `/api/v1/repairs/${repairId}/answers/${named.id}/follow-ups`,
        body: { text: 'What would asking first look like?' },
        as: as('leader'),
      });
      expect(asked.statusCode, asked.body).toBe(201);
      const thread = await request(app, { method: 'POST', url: '/api/v1/ballot/thread', body: proofs[2] });
      expect(thread.statusCode, thread.body).toBe(200);
      const mine = thread.json().answers.find((a: { questionId: string }) => a.questionId === 'impact');
      expect(mine.followUps).toEqual([
        {
          from: 'leader',
          text: 'What would asking first look like?',
          createdOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        },
      ]);
      // Another author sees only their own answers, without this question.
      const other = (
        await request(app, { method: 'POST', url: '/api/v1/ballot/thread', body: proofs[0] })
      ).json();
      expect(JSON.stringify(other)).not.toContain('asking first look like');
      const replied = await request(app, {
        method: 'POST',
        url: '/api/v1/ballot/thread/reply',
        body: { ...proofs[2], questionId: 'impact', text: 'A message in the channel a week before.' },
      });
      expect(replied.statusCode, replied.body).toBe(201);
      const after = await view();
      const answer = after.questions[0].answers.find((a: { id: string }) => a.id === named.id);
      expect(answer.followUps.map((f: { from: string }) => f.from)).toEqual(['leader', 'author']);
      // An author cannot start a thread the leader did not open.
      const unasked = await request(app, {
        method: 'POST',
        url: '/api/v1/ballot/thread/reply',
        body: { ...proofs[0], questionId: 'impact', text: 'hi' },
      });
      expect(unasked.statusCode).toBe(409);
    });

    it('suggests themes from shared words and lets the leader name and acknowledge them', async () => {
      const themes = (
        await request(app, { method: 'GET', url: `/api/v1/repairs/${repairId}/themes`, as: as('leader') })
      ).json();
      expect(themes.themes).toEqual([]);
      expect(themes.suggestions.length).toBeGreaterThan(0);
      const created = await request(app, {
        method: 'POST',
        url: `/api/v1/repairs/${repairId}/themes`,
        body: {
          name: 'Asked before roadmap changes',
          need: 'To be consulted before decisions about our work',
          acknowledgement: 'I changed your work without asking.',
          answerIds: themes.suggestions[0].answerIds,
        },
        as: as('leader'),
      });
      expect(created.statusCode, created.body).toBe(201);
      const bogus = await request(app, {
        method: 'POST',
        url: `/api/v1/repairs/${repairId}/themes`,
        body: { name: 'x', need: 'y', answerIds: [randomUUID()] },
        as: as('leader'),
      });
      expect(bogus.statusCode).toBe(400);
      const patched = await request(app, {
        method: 'PATCH',
        url: `/api/v1/repairs/${repairId}/themes/${created.json().id}`,
        body: { acknowledgement: 'That was my call, made without you.' },
        as: as('leader'),
      });
      expect(patched.json().acknowledgement).toBe('That was my call, made without you.');
      expect(
        (
          await request(app, {
            method: 'DELETE',
            url: `/api/v1/repairs/${repairId}/themes/${created.json().id}`,
            as: as('leader'),
          })
        ).statusCode,
      ).toBe(204);
    });

    it('closes the round: no more tokens or answers, and the repair moves to understanding', async () => {
      const closed = await request(app, {
        method: 'POST',
        url: `/api/v1/repairs/${repairId}/round/close`,
        as: as('leader'),
      });
      expect(closed.json().stage).toBe('understanding');
      const late = await answerAll(app, proofs[3] as Proof, { impact: 'late' });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('round_closed');
    });
  });
});
