// 第二十三条第三款: the counter must always be able to show a correction's status. With no
// worker to answer the workflow query, the API answers from the registry within seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiStack, type ApiStack } from '../helpers/api';
import { eventually } from '../helpers/wait';
import { correctionFiling } from '../helpers/corrections';

let api: ApiStack;
beforeAll(async () => {
  api = await apiStack();
});
afterAll(async () => api?.close());

describe('GET /v1/corrections/:id without a worker', () => {
  it('answers 200 with the registry deadline in under 5 s', async () => {
    const filed = await api.call('applicant', 'POST', '/v1/corrections', correctionFiling());
    const { id } = filed.json() as { id: string };
    const live = await eventually(async () => {
      const res = (await api.call('applicant', 'GET', `/v1/corrections/${id}`)).json();
      expect(res.deadline).not.toBeNull();
      return res;
    });
    // A second correction with an extension asked while the worker still runs.
    const extended = (await api.call('applicant', 'POST', '/v1/corrections', correctionFiling())).json() as { id: string };
    await eventually(async () =>
      expect((await api.call('market-staff', 'GET', `/v1/corrections/${extended.id}`)).json().deadline).not.toBeNull(),
    );
    const asked = await api.call('market-staff', 'POST', `/v1/corrections/${extended.id}/extensions`, {
      days: 3,
      reason: '需调取档案原件',
    });
    expect(asked.statusCode).toBe(201);

    await api.stopWorker();
    const started = Date.now();
    const res = await api.call('applicant', 'GET', `/v1/corrections/${id}`);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.statusCode).toBe(200);
    expect(live.live).toBe(true);
    expect(res.json()).toMatchObject({
      live: false,
      stage: 'verifying',
      extensions: [],
      deadline: { due: live.deadline.due, endsAt: live.deadline.endsAt },
    });
    // Extensions are read from their table: whole without the worker.
    const withExtension = await api.call('market-staff', 'GET', `/v1/corrections/${extended.id}`);
    expect(withExtension.json()).toMatchObject({
      live: false,
      stage: 'extension_pending',
      extensions: [{ ...asked.json(), id: 1, days: 3, reason: '需调取档案原件', status: 'pending' }],
    });
  });
});
