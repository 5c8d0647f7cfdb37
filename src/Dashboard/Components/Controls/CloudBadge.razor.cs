using Dashboard.Cloud;
using Dashboard.Configuration;
using Microsoft.AspNetCore.Components;

namespace Dashboard.Components.Controls;

/// <summary>What the dashboard is connected to: "Local", or the AWS account and region from STS.</summary>
public partial class CloudBadge : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private CloudIdentityInfo? _identity;
    private string? _error;
    private CloudMode _mode;

    [Inject]
    public required ICloudIdentity Identity { get; init; }

    [Inject]
    public required ILogger<CloudBadge> Logger { get; init; }

    /// <summary>The circuit's environment, named in the badge when there is more than one.</summary>
    [Inject]
    public required EnvironmentSelection Environments { get; init; }

    private string? EnvironmentName => Environments.Environments.HasChoice ? Environments.Current.Name : null;

    protected override async Task OnInitializedAsync()
    {
        _mode = Identity.Mode;
        try
        {
            _identity = await Identity.GetAsync(_disposed.Token);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogWarning(error, "Could not resolve the caller identity.");
            _error = AwsErrorText.Explain(error);
        }
    }

    private string Tooltip(CloudIdentityInfo who) => who.Mode == CloudMode.Local
        ? $"LocalCloud at {who.Endpoint} · account {who.AccountId} · {who.Region}"
        : $"{(EnvironmentName is { } name ? $"Environment {name} ({Environments.Current.Access}) · " : string.Empty)}{who.Arn} · {who.Region}";

    private string Label(CloudIdentityInfo who) => EnvironmentName is { } name ? $"{name} · {who.Label}" : who.Label;

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
