import { ConfirmButton } from '../../ui/confirm-button';
import { ErrorNote } from '../../ui/error-note';
import { dateTime } from '../../ui/format';
import { useInvites, useRevokeInvite } from './invites-api';

/** Invites nobody has accepted yet; an expired one is revoked and sent again as a new invite. */
export function PendingInvites() {
  const invites = useInvites();
  const revoke = useRevokeInvite();
  if (!invites.data?.length && !invites.error) return null;
  return (
    <section className="card" aria-labelledby="invites-title">
      <h2 id="invites-title">Pending invites</h2>
      <ErrorNote error={invites.error ?? revoke.error} />
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Role</th>
            <th scope="col">State</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="skip-link">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invites.data?.map((i) => (
            <tr key={i.id}>
              <td>
                <div>{i.name}</div>
                <div className="hint">{i.email}</div>
              </td>
              <td>{i.role === 'admin' ? 'Admin' : 'Agent'}</td>
              <td>
                <span className={i.state === 'pending' ? 'badge badge-warn' : 'badge badge-bad'}>
                  {i.state === 'pending' ? 'waiting' : 'expired'}
                </span>
              </td>
              <td>{dateTime(i.expiresAt)}</td>
              <td>
                <ConfirmButton
                  label="Revoke"
                  ariaLabel={`Revoke invite for ${i.name}`}
                  title={`Revoke the invite for ${i.name}?`}
                  message="The link stops working at once. The person stays listed as deactivated."
                  confirmLabel="Revoke"
                  onConfirm={() => revoke.mutate(i.id)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
