using System.Collections.Concurrent;

namespace LocalCloud.Iam;

/// <summary>
/// One account's IAM entities. IAM is global, so state is per account, not per (account, region). Every read and
/// write holds <see cref="Gate"/>; <see cref="Generation"/> moves on with each change, so cached role views know
/// when they are stale.
/// </summary>
internal sealed class IamAccount
{
    public Lock Gate { get; } = new();

    public long Generation { get; set; }

    /// <summary>Roles by name: IAM names are unique regardless of case.</summary>
    public Dictionary<string, IamRole> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Customer managed policies by ARN.</summary>
    public Dictionary<string, ManagedPolicy> Policies { get; } = new(StringComparer.Ordinal);
}

/// <summary>The accounts, and the AWS managed policies every account can attach.</summary>
internal sealed class IamStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, IamAccount> _accounts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ManagedPolicy> AwsManaged { get; } = AwsManagedPolicies.Create(time.GetUtcNow());

    public IamAccount Account(string account) => _accounts.GetOrAdd(account, _ => new IamAccount());
}
