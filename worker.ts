// The Temporal worker: `node --import tsx worker.ts`. Scale out by running more of them.
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from './activities';
import { createDatabase } from './db/client';
import { readEnv } from './env';

const env = readEnv();
const database = await createDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
const connection = await NativeConnection.connect({ address: env.temporalAddress });
// Activities signal workflows (calendar changes) through an ordinary client.
const clientConnection = await Connection.connect({ address: env.temporalAddress });
const client = new Client({ connection: clientConnection, namespace: env.temporalNamespace });

const worker = await Worker.create({
  connection,
  namespace: env.temporalNamespace,
  taskQueue: env.taskQueue,
  workflowsPath: new URL('./workflows/index.ts', import.meta.url).pathname,
  activities: createActivities({ db: database.db, client, warningWorkingDays: env.warningWorkingDays }),
  shutdownGraceTime: '10 seconds',
});
console.log(`工作节点已启动 (WORKER_STARTED): ${env.temporalAddress} / ${env.temporalNamespace} / ${env.taskQueue} / 数据库 ${database.kind}`);
try {
  // run() returns after SIGINT/SIGTERM: the SDK drains in-flight tasks first.
  await worker.run();
} finally {
  await clientConnection.close();
  await connection.close();
  await database.close();
}
