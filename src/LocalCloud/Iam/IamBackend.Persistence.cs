using LocalCloud.Iam.Policies;
using LocalCloud.Persistence;

namespace LocalCloud.Iam;

/// <summary>
/// IAM's entities in the <see cref="DurableStore"/>: one snapshot per account (roles with their trust policies, inline
/// policies, attachments and boundary; customer managed policies with every version), written after every change.
/// The hook is in each mutating method rather than <c>OperationTable.AfterEach</c> because LocalCloud's own seeds
/// (<see cref="IamDemoRoles"/>, the broken pipelines) call the backend directly, not through the API. Documents are
/// stored as their text and compiled again on start, as when they were first stored, so evaluations after a restart
/// use the same compiled policies. AWS managed policies are not stored: they are built in, and found again by ARN.
/// </summary>
public sealed partial class IamBackend
{
    private const string AccountKind = "iam/account";

    private SnapshotWriter? _snapshots;

    /// <summary>Writes the account's snapshot if it changed; called with <c>account.Gate</c> held, after each change.</summary>
    /// <summary>
    /// After every change, under the account's gate: moves its generation on (cached role views go stale) and writes
    /// its snapshot when a data path is set.
    /// </summary>
    private void Changed(string accountId, IamAccount account)
    {
        account.Generation++;
        _snapshots?.Write(accountId, Snapshot(account));
    }

    private static AccountRecord Snapshot(IamAccount account) => new(
        account.Policies.Values.Select(p => new PolicyRecord(
            p.Name,
            p.Path,
            p.Id,
            p.Arn,
            p.Created,
            p.Description,
            p.Updated,
            p.DefaultVersionId,
            p.NextVersion,
            p.Versions.Select(v => new VersionRecord(v.VersionId, v.Policy.Document.Text, v.Created)).ToList(),
            Tags(p.Tags))).ToList(),
        account.Roles.Values.Select(r => new RoleRecord(
            r.Name,
            r.Path,
            r.Id,
            r.Arn,
            r.Created,
            r.Trust.Document.Text,
            r.Description,
            r.MaxSessionDuration,
            Tags(r.Tags),
            r.InlinePolicies.Select(i => new InlineRecord(i.Key, i.Value.Document.Text)).ToList(),
            r.Attached.Select(a => a.Arn).ToList(),
            r.Boundary?.Arn)).ToList());

    private static List<TagRecord> Tags(List<KeyValuePair<string, string>> tags) => tags.Select(t => new TagRecord(t.Key, t.Value)).ToList();

    /// <summary>Rebuilds every account from its snapshot: customer managed policies first, so roles can attach them.</summary>
    private void Restore(DurableStore durable)
    {
        if (!durable.IsEnabled)
        {
            return;
        }

        _snapshots = new SnapshotWriter(durable, AccountKind);
        foreach (var (accountId, record) in durable.Load<AccountRecord>(AccountKind))
        {
            var account = _store.Account(accountId);
            foreach (var p in record.Policies)
            {
                var policy = new ManagedPolicy(p.Name, p.Path, p.Id, p.Arn, p.Created, isAwsManaged: false)
                {
                    Description = p.Description,
                    Updated = p.Updated,
                    DefaultVersionId = p.DefaultVersionId,
                    NextVersion = p.NextVersion,
                };
                policy.Versions.AddRange(p.Versions.Select(v => new ManagedPolicyVersion(
                    v.VersionId, new NamedPolicy(policy.Name, policy.SourceType, PolicyCompiler.Compile(v.Document, PolicyKind.Identity)), v.Created)));
                policy.Tags.AddRange(p.Tags.Select(t => KeyValuePair.Create(t.Key, t.Value)));
                account.Policies[policy.Arn] = policy;
            }

            foreach (var r in record.Roles)
            {
                var role = new IamRole(r.Name, r.Path, r.Id, r.Arn, r.Created, new NamedPolicy($"{r.Name} trust policy", "role", PolicyCompiler.Compile(r.Trust, PolicyKind.Trust)))
                {
                    Description = r.Description,
                    MaxSessionDuration = r.MaxSessionDuration,
                    Boundary = r.Boundary is null ? null : Stored(account, r.Boundary),
                };
                role.Tags.AddRange(r.Tags.Select(t => KeyValuePair.Create(t.Key, t.Value)));
                foreach (var inline in r.Inline)
                {
                    role.InlinePolicies[inline.Name] = new NamedPolicy(inline.Name, "role", PolicyCompiler.Compile(inline.Document, PolicyKind.Identity));
                }

                role.Attached.AddRange(r.Attached.Select(arn => Stored(account, arn)));
                account.Roles[role.Name] = role;
            }

            account.Generation++;
            _snapshots.Restored(accountId, record);
        }
    }

    /// <summary>A policy a stored role names; a policy that is neither stored nor built in means the store is not one LocalCloud wrote.</summary>
    private ManagedPolicy Stored(IamAccount account, string arn) =>
        account.Policies.TryGetValue(arn, out var policy) || _store.AwsManaged.TryGetValue(arn, out policy)
            ? policy
            : throw new InvalidDataException($"The durable store names the managed policy {arn}, which it does not hold.");

    private sealed record AccountRecord(List<PolicyRecord> Policies, List<RoleRecord> Roles);

    private sealed record RoleRecord(
        string Name,
        string Path,
        string Id,
        string Arn,
        DateTimeOffset Created,
        string Trust,
        string? Description,
        int MaxSessionDuration,
        List<TagRecord> Tags,
        List<InlineRecord> Inline,
        List<string> Attached,
        string? Boundary);

    private sealed record InlineRecord(string Name, string Document);

    private sealed record PolicyRecord(
        string Name,
        string Path,
        string Id,
        string Arn,
        DateTimeOffset Created,
        string? Description,
        DateTimeOffset Updated,
        string DefaultVersionId,
        int NextVersion,
        List<VersionRecord> Versions,
        List<TagRecord> Tags);

    private sealed record VersionRecord(string VersionId, string Document, DateTimeOffset Created);

    private sealed record TagRecord(string Key, string Value);
}
