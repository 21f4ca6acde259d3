/**
 * A developer's short "yes" to something the agent proposed: "Shall I commit and push these changes?" —
 * "yes please". The proposal's subjects become firm requests from the developer (source `approval`).
 */
import { subjectsOf } from './requests.js';

/** Characters at the end of an assistant message searched for the proposing question. */
export const PROPOSAL_TAIL_CHARACTERS = 500;
/** Longest reply still read as a plain approval. */
export const MAXIMUM_APPROVAL_LENGTH = 80;

/** A reply that approves (in English and the other languages developers use), possibly with a few more words. */
const APPROVAL =
  /^\s*(?:[yk네예응]|yes|yep|yeah|yup|sure|ok|okay|go|go ahead|go for it|do it|please do|please|proceed|continue|sounds good|looks good|lgtm|approved|of course|absolutely|right|correct|ㅇㅇ|그래|좋아|좋아요|해줘|해 줘|해주세요|진행해|진행해줘|はい|うん|お願いします|どうぞ|好的|[好行]|是的|可以|sim|pode|claro|isso|sí|si|dale|vale|ja|oui|d'accord)(?:[\s,.!~]|$)/i;

/** The question that ends an assistant message (its last sentence ending with "?"), or undefined. */
export function proposingQuestion(text: string): string | undefined {
  const tail = text.slice(-PROPOSAL_TAIL_CHARACTERS).trimEnd();
  if (!tail.endsWith('?')) return undefined;
  const lastLine = tail.slice(tail.lastIndexOf('\n') + 1);
  const sentenceStart = Math.max(lastLine.lastIndexOf('. '), lastLine.lastIndexOf('! '));
  return (sentenceStart === -1 ? lastLine : lastLine.slice(sentenceStart + 2)).replace(/[*_`]/g, '').trim();
}

/** The subjects an assistant message proposes in its closing question ("Want me to push?" → git-push). */
export function proposedSubjects(text: string): { subjects: string[]; quote: string } | undefined {
  const question = proposingQuestion(text);
  if (question === undefined) return undefined;
  const subjects = subjectsOf(question);
  return subjects.length > 0 ? { subjects, quote: question } : undefined;
}

/** True when a prompt is a plain approval of what was just proposed. */
export function isApproval(prompt: string): boolean {
  const trimmed = prompt.trim();
  return trimmed.length > 0 && trimmed.length <= MAXIMUM_APPROVAL_LENGTH && APPROVAL.test(trimmed);
}
