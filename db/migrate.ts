// Applies the committed drizzle-kit migrations: `node --import tsx db/migrate.ts`.
import { readEnv } from '../env';
import { createDatabase } from './client';

const env = readEnv();
const database = await createDatabase({ url: env.databaseUrl, dataDir: env.dataDir });
try {
  await database.migrate();
  console.log(`数据库迁移完成 (MIGRATED): ${database.kind}`);
} finally {
  await database.close();
}
