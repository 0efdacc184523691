// What every decision page does with an action: ask first when it cannot be undone, call the
// API, say what happened in Chinese (the API's own message when it refuses), and reload.
import { ElMessage, ElMessageBox } from 'element-plus';

/** true when the official confirmed; false when they cancelled. */
export async function confirmed(title: string, message: string): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { confirmButtonText: '确定', cancelButtonText: '取消', type: 'warning' });
    return true;
  } catch {
    return false;
  }
}

/** Runs the call; on success shows `done` and returns true, on refusal shows the API's message. */
export async function perform(call: () => Promise<unknown>, done: string): Promise<boolean> {
  try {
    await call();
    ElMessage.success(done);
    return true;
  } catch (err) {
    ElMessage.error((err as Error).message);
    return false;
  }
}

/** A page's load: errors shown, never thrown. */
export async function loading<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch (err) {
    ElMessage.error((err as Error).message);
    return null;
  }
}
