import {
  DEFAULT_FALLBACK_MESSAGE,
  type Agent,
  type PhoneNumber,
  type RingGroup,
} from '@crokodialer/shared';
import type { FormEvent } from 'react';
import { ModalDialog } from '../../ui/dialog';
import { ErrorNote } from '../../ui/error-note';
import { text } from '../../ui/form';
import { useSetRoute } from './numbers-api';

/**
 * Where a number's inbound calls ring: an agent first and/or a ring group after, each for the ring
 * timeout, and what callers hear when nobody answers before the call is hung up.
 */
export function RouteDialog(props: {
  number: PhoneNumber;
  agents: Agent[];
  groups: RingGroup[];
  onClose: () => void;
}) {
  const { number: n } = props;
  const route = useSetRoute();
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const message = text(form, 'fallbackMessage').trim();
    route.mutate(
      {
        id: n.id,
        inboundAgentId: text(form, 'agent') || null,
        ringGroupId: text(form, 'group') || null,
        ringTimeoutSecs: Number(text(form, 'timeout')),
        fallbackMessage: message || null,
      },
      { onSuccess: props.onClose },
    );
  }
  return (
    <ModalDialog
      title={`Inbound route for ${n.phoneNumber}`}
      isOpen
      onOpenChange={(o) => !o && props.onClose()}
    >
      <form className="grid" onSubmit={submit}>
        <label className="field">
          <span>First, ring agent</span>
          <select name="agent" defaultValue={n.inboundAgentId ?? ''}>
            <option value="">No agent</option>
            {props.agents
              .filter((a) => a.active || a.id === n.inboundAgentId)
              .map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>Then, ring group</span>
          <select name="group" defaultValue={n.ringGroupId ?? ''}>
            <option value="">No ring group</option>
            {props.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name} ({g.memberIds.length} {g.memberIds.length === 1 ? 'member' : 'members'})
              </option>
            ))}
          </select>
          <span className="hint">Its members ring one after another, in the group’s order.</span>
        </label>
        <label className="field">
          <span>Ring each person for (seconds)</span>
          <input
            name="timeout"
            type="number"
            min={5}
            max={120}
            required
            defaultValue={n.ringTimeoutSecs}
          />
        </label>
        <label className="field">
          <span>If nobody answers, say</span>
          <textarea
            name="fallbackMessage"
            rows={3}
            maxLength={500}
            defaultValue={n.fallbackMessage ?? ''}
            placeholder={DEFAULT_FALLBACK_MESSAGE}
          />
          <span className="hint">Then the call is hung up. Leave empty for the message shown.</span>
        </label>
        <ErrorNote error={route.error} />
        <div className="btn-row">
          <button className="btn btn-primary" type="submit" disabled={route.isPending}>
            Save route
          </button>
          <button className="btn" type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}

/** The route in one line, as the caller will live it. */
export function describeRoute(n: PhoneNumber, agents: Agent[], groups: RingGroup[]): string {
  const agent = agents.find((a) => a.id === n.inboundAgentId);
  const group = groups.find((g) => g.id === n.ringGroupId);
  if (!agent && !group) return 'Not routed';
  const steps = [
    agent ? agent.name : null,
    group ? `then ${group.name}` : null,
    'then the message and hang-up',
  ].filter(Boolean);
  return `${steps.join(', ')} (${n.ringTimeoutSecs} s each)`;
}
