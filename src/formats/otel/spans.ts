/**
 * Span trees from the two JSON shapes wink reads: TRAIL / OpenInference exports (`{ trace_id, spans: [ {
 * span_id, parent_span_id, span_name, timestamp, duration, status_code, status_message, span_attributes,
 * events, child_spans } ] }`) and OTLP-JSON (`{ resourceSpans: [ { scopeSpans: [ { spans: [ { traceId, spanId,
 * parentSpanId, name, startTimeUnixNano, endTimeUnixNano, attributes: [ { key, value } ], events, status } ] } ] } ] }`).
 * Both become {@link Span} trees grouped by trace.
 */
import { isRecord } from '../json-document.js';
import { keyedLines } from '../atif/source-lines.js';

/** One span, whatever shape it was read from. */
export interface Span {
  id: string;
  name: string;
  /** ISO-8601 start time, where known. */
  start?: string;
  /** ISO-8601 end time, where known. */
  end?: string;
  /** True when the span's status is Error or it recorded an exception. */
  failed: boolean;
  /** True when the span's status is set (Ok or Error), so `failed` is a flag and not a default. */
  statusSet: boolean;
  /** Status message or exception message of a failed span. */
  errorMessage?: string;
  /** Attributes with dotted keys (`llm.input_messages.0.message.role`). */
  attributes: Record<string, unknown>;
  children: Span[];
  /** 1-based line of the span in the file. */
  line: number;
}

/** The spans of one trace. */
export interface Trace {
  id: string;
  roots: Span[];
}

/** Where a malformed span is reported. */
export type SpanDiagnostic = (line: number, message: string) => void;

const OTLP_STATUS_OK = 1;
const OTLP_STATUS_ERROR = 2;

/** Parses an ISO-8601 duration such as `PT3M3.698696S` into milliseconds. */
export function durationMilliseconds(duration: string): number | undefined {
  const match = /^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/.exec(duration);
  if (!match) return undefined;
  const [, days, hours, minutes, seconds] = match;
  return (((Number(days ?? 0) * 24 + Number(hours ?? 0)) * 60 + Number(minutes ?? 0)) * 60 + Number(seconds ?? 0)) * 1000;
}

function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return undefined;
  return value;
}

function exceptionMessage(events: unknown): string | undefined {
  if (!Array.isArray(events)) return undefined;
  for (const event of events) {
    if (!isRecord(event)) continue;
    const name = event.Name ?? event.name;
    if (name !== 'exception') continue;
    const attributes = isRecord(event.Attributes) ? event.Attributes : isRecord(event.attributes) ? event.attributes : Array.isArray(event.attributes) ? keyValueAttributes(event.attributes) : {};
    return typeof attributes['exception.message'] === 'string' ? attributes['exception.message'] : 'exception';
  }
  return undefined;
}

/** Reads a TRAIL / OpenInference trace document. */
export function trailTraces(root: Record<string, unknown>, text: string, diagnostic: SpanDiagnostic): Trace[] {
  const lines = keyedLines(text, 'span_id');
  const convert = (value: unknown, position: string): Span | undefined => {
    if (!isRecord(value) || typeof value.span_id !== 'string') {
      diagnostic(1, `span ${position} has no "span_id"; skipped with its children`);
      return undefined;
    }
    const start = isoTime(value.timestamp);
    const milliseconds = typeof value.duration === 'string' ? durationMilliseconds(value.duration) : undefined;
    const exception = exceptionMessage(value.events);
    const failed = value.status_code === 'Error' || exception !== undefined;
    const span: Span = {
      id: value.span_id,
      name: typeof value.span_name === 'string' ? value.span_name : '',
      failed,
      statusSet: failed || value.status_code === 'Ok',
      attributes: isRecord(value.span_attributes) ? value.span_attributes : {},
      children: [],
      line: lines.get(value.span_id) ?? 1,
    };
    if (start) span.start = start;
    if (start && milliseconds !== undefined) span.end = new Date(Date.parse(start) + milliseconds).toISOString();
    if (failed) span.errorMessage = exception ?? (typeof value.status_message === 'string' && value.status_message.length > 0 ? value.status_message : 'error');
    const children = Array.isArray(value.child_spans) ? value.child_spans : [];
    children.forEach((child: unknown, index: number) => {
      const converted = convert(child, `${position}.${index}`);
      if (converted) span.children.push(converted);
    });
    return span;
  };
  const roots: Span[] = [];
  (root.spans as unknown[]).forEach((value, index) => {
    const span = convert(value, String(index));
    if (span) roots.push(span);
  });
  return [{ id: typeof root.trace_id === 'string' ? root.trace_id : '', roots }];
}

/** An OTLP `AnyValue` as a plain value. */
function anyValue(value: unknown): unknown {
  if (!isRecord(value)) return value;
  if ('stringValue' in value) return value.stringValue;
  if ('intValue' in value) return Number(value.intValue);
  if ('doubleValue' in value) return value.doubleValue;
  if ('boolValue' in value) return value.boolValue;
  if (isRecord(value.arrayValue)) return Array.isArray(value.arrayValue.values) ? value.arrayValue.values.map(anyValue) : [];
  if (isRecord(value.kvlistValue)) return keyValueAttributes(Array.isArray(value.kvlistValue.values) ? value.kvlistValue.values : []);
  return undefined;
}

/** OTLP attributes (`[{ key, value }]`) as a record. */
export function keyValueAttributes(list: unknown[]): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const entry of list) if (isRecord(entry) && typeof entry.key === 'string') attributes[entry.key] = anyValue(entry.value);
  return attributes;
}

function nanosecondsToIso(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const nanoseconds = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(nanoseconds) && nanoseconds > 0 ? new Date(nanoseconds / 1e6).toISOString() : undefined;
}

/** Reads an OTLP-JSON export: spans are flat, linked by parentSpanId, and may belong to several traces. */
export function otlpTraces(root: Record<string, unknown>, text: string, diagnostic: SpanDiagnostic): Trace[] {
  const lines = keyedLines(text, 'spanId');
  const spans = new Map<string, { span: Span; parentId?: string; traceId: string }>();
  for (const resource of Array.isArray(root.resourceSpans) ? root.resourceSpans : []) {
    const scopes = isRecord(resource) && Array.isArray(resource.scopeSpans) ? resource.scopeSpans : [];
    for (const scope of scopes) {
      for (const value of isRecord(scope) && Array.isArray(scope.spans) ? scope.spans : []) {
        if (!isRecord(value) || typeof value.spanId !== 'string') {
          diagnostic(1, 'an OTLP span has no "spanId"; skipped');
          continue;
        }
        const status = isRecord(value.status) ? value.status : {};
        const exception = exceptionMessage(value.events);
        const failed = status.code === OTLP_STATUS_ERROR || status.code === 'STATUS_CODE_ERROR' || exception !== undefined;
        const statusSet = failed || status.code === OTLP_STATUS_OK || status.code === 'STATUS_CODE_OK';
        const span: Span = { id: value.spanId, name: typeof value.name === 'string' ? value.name : '', failed, statusSet, attributes: Array.isArray(value.attributes) ? keyValueAttributes(value.attributes) : {}, children: [], line: lines.get(value.spanId) ?? 1 };
        const start = nanosecondsToIso(value.startTimeUnixNano);
        const end = nanosecondsToIso(value.endTimeUnixNano);
        if (start) span.start = start;
        if (end) span.end = end;
        if (failed) span.errorMessage = exception ?? (typeof status.message === 'string' && status.message.length > 0 ? status.message : 'error');
        const parentId = typeof value.parentSpanId === 'string' && value.parentSpanId.length > 0 ? value.parentSpanId : undefined;
        spans.set(span.id, { span, parentId, traceId: typeof value.traceId === 'string' ? value.traceId : '' });
      }
    }
  }
  const traces = new Map<string, Trace>();
  for (const { span, parentId, traceId } of spans.values()) {
    const parent = parentId ? spans.get(parentId) : undefined;
    if (parent) {
      parent.span.children.push(span);
      continue;
    }
    let trace = traces.get(traceId);
    if (!trace) traces.set(traceId, (trace = { id: traceId, roots: [] }));
    trace.roots.push(span);
  }
  return [...traces.values()];
}
