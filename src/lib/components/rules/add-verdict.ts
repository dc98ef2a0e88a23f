import type { RuleVerdict } from '$lib/engine/rules-for-schema';

/** What a rule form shows after asking the store to add a rule: the store's refusal or a thrown error, else `okText`. */
export async function addVerdictMessages(add: () => Promise<RuleVerdict>, okText: string): Promise<{ error: string; notice: string }> {
  try {
    const verdict = await add();
    return verdict.ok ? { error: '', notice: okText } : { error: verdict.message, notice: '' };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err), notice: '' };
  }
}
