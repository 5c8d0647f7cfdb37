using Dashboard.Cloud;
using Dashboard.Configuration;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace Dashboard.Components.Pages;

public partial class SettingsPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private CloudIdentityInfo? _identity;
    private string? _error;

    [Inject]
    public required IOptions<CloudOptions> Cloud { get; init; }

    [Inject]
    public required IOptions<LocalCloudOptions> Local { get; init; }

    [Inject]
    public required IOptions<AwsConnectionOptions> Aws { get; init; }

    [Inject]
    public required ICloudIdentity Identity { get; init; }

    [Inject]
    public required ILogger<SettingsPage> Logger { get; init; }

    private string RegionText
    {
        get
        {
            try
            {
                return Identity.Region;
            }
            catch (Amazon.Runtime.AmazonClientException error)
            {
                return error.Message;
            }
        }
    }

    protected override async Task OnInitializedAsync()
    {
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

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}
