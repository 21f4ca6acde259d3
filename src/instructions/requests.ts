/**
 * What an instruction asks for, clause by clause, in English and in the other languages developers write
 * to agents in (Korean, Japanese, Chinese, Spanish, Portuguese, German, French). Two strengths:
 *
 * - a **firm** request is worded as an order or a grant ("commit and push", "please install zod", "go
 *   ahead", "푸시해줘", "コミットしてください") — it lifts an earlier prohibition of the same thing;
 * - a **mention** names the thing in a clause that does not forbid it ("did you push?", "the workflow
 *   ends with a commit") — enough to show the thing is expected, never enough to lift a prohibition.
 *
 * Every pattern is matched against one clause of bounded length.
 */
import { clausesOf, pathTargetsOf } from '../detectors/constraints/extract.js';
import { MAXIMUM_QUOTE_LENGTH } from '../detectors/constraints/patterns.js';
import { beforeFirst, withoutLeading, withoutTrailing } from '../trajectory/linear-text.js';
import type { InstructionOrigin, Request } from './types.js';

/** Longest clause looked at; longer ones are cut (a request is stated in a sentence, not a page). */
export const MAXIMUM_REQUEST_CLAUSE = 600;

/** Words of each subject, in English and other languages. */
export const REQUEST_WORDS: ReadonlyArray<readonly [string, RegExp]> = [
  ['git-commit', /\bcommit(?:s|ted|ting)?\b|커밋|コミット|提交|\bcomm?itt?(?:ear|ar|en|e)\b|\beinchecken\b/i],
  ['git-push', /\bpush(?:es|ed|ing)?\b(?!\s+back\b)(?!\s+notifications?\b)|푸시|푸쉬|プッシュ|推送/i],
  ['git-rebase', /\brebas(?:e|ing)\b|리베이스|リベース|变基/i],
  ['git-merge', /\bmerg(?:e|ing)\b(?! conflict)|머지|병합|マージ|合并/i],
  ['git-reset-hard', /\breset(?:ting)? (?:--hard|hard|the (?:branch|repo|working tree)|to (?:origin|head|main|master))\b|\bhard reset\b/i],
  ['git-clean', /\bgit clean\b|\bclean (?:the )?(?:working tree|untracked)\b/i],
  ['git-branch-delete', /\bdelete (?:the |that |this |old |stale )?(?:local |remote )?branch(?:es)?\b|\bbranch -d\b/i],
  ['git-checkout-discard', /\b(?:discard|throw away|revert|undo) (?:the |all |my |your |these |those )?(?:local |uncommitted |unstaged )?(?:changes|edits|work)\b/i],
  ['pull-request', /\bpull request\b|\b(?:open|create|raise|submit|make|file) (?:a |the |an )?(?:PR|MR|merge request)\b|\bgh pr create\b|풀 ?리퀘스트|プルリクエスト|拉取请求|合并请求/i],
  ['dependency-install', /\binstall(?:s|ed|ing)?\b|\b(?:npm|pnpm|yarn|bun) (?:add|i)\b|설치|インストール|安装|\binstal(?:ar|e|a|ou|lieren|liere|ler)\b/i],
  ['tests', /\b(?:add|write|update|fix|extend|create|adjust|cover|rewrite|change|modify)\b[^.\n]{1,40}\b(?:tests?|specs?|test cases?|test files?)\b|\bregression tests?\b|\bunit tests?\b|\btest coverage\b|\bTDD\b|\bred[- ]green\b|테스트(?:를|도)? ?(?:작성|추가|수정)|テストを?(?:書|追加|修正)|(?:编写|添加|修改)测试|\b(?:escrever|adicionar|criar|añadir|escribir|crear) (?:os |las |los )?(?:testes|pruebas|tests)\b/i],
  ['config', /\b(?:config(?:uration)?|settings|dependenc(?:y|ies)|package\.json|pyproject|setup\.cfg|tox\.ini|lock ?file|CI|workflows?|pipeline|docker(?:file)?|tsconfig|eslint|upgrade|bump)\b|설정|設定|配置/i],
  ['docs', /\b(?:document|docs|documentation|readme|changelog|write[- ]?up|summary|summari[sz]e|report|notes)\b|문서|요약|ドキュメント|要約|文档|总结/i],
  ['silence', /\b(?:noqa|type: ?ignore|ts-ignore|ts-expect-error|eslint-disable|nowarn|credo:disable|no-verify|skip ci|xfail|mark\.skip|suppress(?:ing)?|silenc(?:e|ing)|mute|disable (?:the |this |that )?(?:rule|check|lint(?:er)?|warnings?|hooks?))\b/i],
  ['deletion', /\b(?:delete|remove|clean ?up|get rid of|drop|prune)\b|삭제|削除|删除|\b(?:eliminar|apagar|excluir|remover|löschen|entfernen|supprimer)\b/i],
];

/** A clause that forbids or declines what it names: then it is not a request (the constraint extractor reads it). */
const DECLINING =
  /\b(?:do not|don't|dont|never|must not|mustn't|should not|shouldn't|cannot|can't|may not|not allowed|no need to|without|avoid|refrain from|instead of|rather than|stop)\b|하지 ?마|하지 ?말|말고|금지|않|しないで|禁止|しない|不要|别|\bno (?:hagas|haga|faça|faca)\b|\bnão\b|\bnicht\b|\bne (?:pas|jamais)\b/i;

/** Clause openings that make an order or a grant (the clause starts with the order, after bullets or "please"). */
const ORDER_OPENING =
  /^(?:[-*•>] ?|\d{1,3}[.)] ?)?(?:(?:please|pls|ok(?:ay)?|now|then|also|and|so|yes|great|perfect|thanks)[,!.]? ){0,3}(?:(?:go ahead and|you (?:can|may|should|must)(?: now)?|feel free to|make sure (?:to|you)|remember to|be sure to|don't forget to|i (?:want|need) you to|can you|could you|would you|let's) )?(?:force[- ]push|commit|push|install|add|write|update|fix|create|open|raise|submit|delete|remove|clean|run|bump|upgrade|rebase|merge|reset)\b/i;
/** Order endings in Korean, Japanese and Chinese (the verb comes last) and Romance imperatives. */
const ORDER_ENDING = /(?:해줘|해 줘|해주세요|해 주세요|하세요|해라|하자|해요|해)\s*(?:[.!?]\s*)?$|(?:して|してください|しておいて|お願いします)\s*(?:[。.!]\s*)?$|^请|^(?:haz|haga|faça|faca|fais|mach)\b/i;

/** An install command or verb; the package names follow it (`npm install zod`, "install transformers 4.46 and torch"). */
const INSTALL_VERB = /\b(?:npm (?:install|i|add)|pnpm (?:add|install|i)|yarn add|bun add|pip3? install|uv (?:add|pip install)|poetry add|cargo add|go get|gem install|install)\b/gi;
/** Characters after an install verb searched for package names. */
const PACKAGE_LIST_CHARACTERS = 120;
/** Words that end a list of packages. */
const LIST_END = new Set(['to', 'in', 'into', 'for', 'with', 'then', 'so', 'from', 'on', 'using', 'via', 'if', 'when', 'because', 'before', 'after']);
/** Words between package names, skipped. */
const LIST_JOINERS = new Set(['and', 'or', '&', 'plus', 'also', 'the', 'a', 'an', 'latest', 'version', 'v']);
/** Words after "install" that are not package names. */
const NOT_PACKAGES = new Set(['it', 'them', 'dependencies', 'deps', 'packages', 'package', 'requirements', 'everything', 'all', 'this', 'that', 'these', 'those', 'globally', 'locally']);
/** A word that can be a package name (npm, PyPI, crates, gems; scoped npm names). */
const PACKAGE_NAME = /^@?[a-z0-9][\w.@/-]{0,80}$/i;

function quoteOf(clause: string): string {
  return clause.length > MAXIMUM_QUOTE_LENGTH ? `${clause.slice(0, MAXIMUM_QUOTE_LENGTH)}…` : clause;
}

/** Packages an install clause names (lower case, version specifiers dropped). */
export function packagesNamed(clause: string): string[] {
  const names: string[] = [];
  const bounded = clause.slice(0, MAXIMUM_REQUEST_CLAUSE);
  for (const match of bounded.matchAll(INSTALL_VERB)) {
    const after = bounded.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + PACKAGE_LIST_CHARACTERS);
    for (const raw of after.split(/[\s,]+/)) {
      const word = withoutTrailing(withoutLeading(raw, `"'\`(`), `"'\`).;:!?`);
      if (word.length === 0 || word.startsWith('-')) continue;
      const lower = word.toLowerCase();
      if (LIST_END.has(lower)) break;
      if (LIST_JOINERS.has(lower) || /^[v\d][\d.x*]*$/i.test(word) || /^[<>=~^!]/.test(word)) continue;
      if (NOT_PACKAGES.has(lower) || !PACKAGE_NAME.test(word)) break;
      const name = lower.charAt(0) + beforeFirst(lower.slice(1), '@=<>~^![');
      if (!names.includes(name)) names.push(name);
    }
  }
  return names;
}

/** The subjects a clause names (not declined). */
export function subjectsOf(clause: string): string[] {
  const bounded = clause.slice(0, MAXIMUM_REQUEST_CLAUSE);
  if (DECLINING.test(bounded)) return [];
  const subjects: string[] = [];
  for (const [subject, pattern] of REQUEST_WORDS) if (pattern.test(bounded)) subjects.push(subject);
  // A pull request means committing and pushing first.
  if (subjects.includes('pull-request')) for (const implied of ['git-commit', 'git-push']) if (!subjects.includes(implied)) subjects.push(implied);
  if (subjects.includes('dependency-install')) for (const name of packagesNamed(bounded)) subjects.push(`package:${name}`);
  return subjects;
}

/** True when the clause is worded as an order or a grant. */
export function isOrder(clause: string): boolean {
  const bounded = clause.slice(0, MAXIMUM_REQUEST_CLAUSE).trim();
  if (ORDER_ENDING.test(bounded)) return true;
  // "That warning is a false positive, add # noqa to it": the order may follow a comma or a conjunction.
  return bounded.split(/, ?| (?:and|then|so) /).some((part) => ORDER_OPENING.test(part.trim()));
}

/** A request with how firmly it was made. */
export interface ExtractedRequest extends Request {
  /** True for an order or a grant; false for a mention. */
  firm: boolean;
}

/** The requests a text makes, clause by clause. */
export function extractRequests(text: string, origin: InstructionOrigin): ExtractedRequest[] {
  const requests: ExtractedRequest[] = [];
  for (const clause of clausesOf(text)) {
    const subjects = subjectsOf(clause);
    if (subjects.length === 0) continue;
    const firm = origin.source === 'approval' || isOrder(clause);
    for (const subject of subjects) {
      const existing = requests.find((request) => request.subject === subject);
      if (existing) existing.firm ||= firm;
      else requests.push({ ...origin, subject, quote: quoteOf(clause), firm });
    }
  }
  return requests;
}

/** Path targets a text names (files and folders), for "the task named this file": the first `limit` of them. */
export function namedTargets(text: string, limit?: number): string[] {
  return pathTargetsOf(text, limit);
}
