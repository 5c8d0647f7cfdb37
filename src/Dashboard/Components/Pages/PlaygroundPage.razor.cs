using Dashboard.Cloud;
using Dashboard.Configuration;
using Dashboard.Live;
using Dashboard.Playground;
using Dashboard.Workflows;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Options;

namespace Dashboard.Components.Pages;

/// <summary>Local mode only: drop files on a watched prefix and watch the batch fill and the run start.</summary>
public partial class PlaygroundPage : IDisposable
{
    private const int MaxFilesAtOnce = 20;

    private readonly CancellationTokenSource _disposed = new();
    private readonly List<PlaygroundUpload> _uploads = [];
    private IReadOnlyList<PlaygroundTarget>? _targets;
    private PlaygroundTarget? _target;
    private string? _targetsError;
    private string? _uploadError;
    private bool _uploading;
    private DateTimeOffset? _firstUpload;
    private LiveFeed<WorkflowCatalogSnapshot>? _overview;
    private LiveFeed<RunHistoryPage>? _runs;

    /// <summary>The workflow to feed, from <c>?workflow=</c>.</summary>
    [SupplyParameterFromQuery(Name = "workflow")]
    public string? Workflow { get; set; }

    [Inject]
    public required IOptions<CloudOptions> Cloud { get; init; }

    [Inject]
    public required PlaygroundService Playground { get; init; }

    [Inject]
    public required WorkflowOverview Overview { get; init; }

    [Inject]
    public required WorkflowRuns RunHistory { get; init; }

    [Inject]
    public required LiveData Live { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<PlaygroundPage> Logger { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    private LiveState<RunHistoryPage> Runs => _runs?.State ?? new();

    private WorkflowSummary? Summary => _overview?.State.Value?.Workflows.FirstOrDefault(w => w.Name == _target?.Workflow);

    protected override async Task OnInitializedAsync()
    {
        if (Cloud.Value.Mode != CloudMode.Local)
        {
            // Against AWS the playground does not exist: it would write to real buckets.
            Navigation.NotFound();
            return;
        }

        _overview = WorkflowFeeds.Overview(Live, Overview, () => InvokeAsync(StateHasChanged));
        _overview.Resume();
        try
        {
            _targets = await Playground.TargetsAsync(_disposed.Token);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogError(error, "Finding the playground's workflows failed.");
            _targetsError = AwsErrorText.Explain(error);
        }
    }

    protected override void OnParametersSet()
    {
        if (_targets is not { Count: > 0 } targets)
        {
            return;
        }

        var chosen = targets.FirstOrDefault(t => t.Workflow == Workflow) ?? targets[0];
        if (chosen != _target)
        {
            Select(chosen);
        }
    }

    private void Select(PlaygroundTarget target)
    {
        _target = target;
        _runs?.Dispose();
        _runs = WorkflowFeeds.Runs(Live, RunHistory, target.Workflow, () => InvokeAsync(StateHasChanged));
        _runs.Resume();
    }

    private Task OnTargetChangedAsync(string key)
    {
        if (_targets?.FirstOrDefault(t => t.Key == key) is { } target)
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("workflow", target.Workflow), new NavigationOptions { ReplaceHistoryEntry = true });
        }

        return Task.CompletedTask;
    }

    private async Task UploadSamplesAsync(int count)
    {
        if (_target is not { } target)
        {
            return;
        }

        await UploadAsync(async ct => await Playground.UploadSamplesAsync(target, count, ct));
    }

    private async Task OnFilesChosenAsync(InputFileChangeEventArgs args)
    {
        if (_target is not { } target)
        {
            return;
        }

        if (args.FileCount > MaxFilesAtOnce)
        {
            _uploadError = $"{args.FileCount} files were chosen; the playground takes up to {MaxFilesAtOnce} at a time.";
            return;
        }

        await UploadAsync(async ct =>
        {
            var done = new List<PlaygroundUpload>();
            foreach (var file in args.GetMultipleFiles(MaxFilesAtOnce))
            {
                if (file.Size > PlaygroundService.MaxFileBytes)
                {
                    throw new PlaygroundInputException($"{file.Name} is {file.Size / 1024.0 / 1024.0:0.0} MB; the playground takes files up to {PlaygroundService.MaxFileBytes / 1024 / 1024} MB.");
                }

                await using var content = file.OpenReadStream(PlaygroundService.MaxFileBytes, ct);
                using var buffer = new MemoryStream();
                await content.CopyToAsync(buffer, ct);
                buffer.Position = 0;
                done.Add(await Playground.UploadAsync(target, file.Name, buffer, buffer.Length, ct));
            }

            return done;
        });
    }

    private async Task UploadAsync(Func<CancellationToken, Task<IReadOnlyList<PlaygroundUpload>>> upload)
    {
        _uploading = true;
        _uploadError = null;
        try
        {
            var done = await upload(_disposed.Token);
            _firstUpload ??= done.Count > 0 ? done[0].At : null;
            _uploads.InsertRange(0, done.Reverse());
        }
        catch (PlaygroundInputException error)
        {
            _uploadError = error.Message;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            Logger.LogError(error, "A playground upload failed.");
            _uploadError = AwsErrorText.Explain(error);
        }
        finally
        {
            _uploading = false;
        }

        // The runs may already have moved: look now rather than at the next poll.
        await (_overview?.RefreshAsync() ?? Task.CompletedTask);
        await (_runs?.RefreshAsync() ?? Task.CompletedTask);
    }

    /// <summary>A run that started after this page's first upload.</summary>
    private bool IsNew(RunSummary run) => _firstUpload is { } first && run.StartedOn >= first.AddSeconds(-1);

    private Task RefreshAsync() => Task.WhenAll(_overview?.RefreshAsync() ?? Task.CompletedTask, _runs?.RefreshAsync() ?? Task.CompletedTask);

    private void OnPausedChanged(bool paused)
    {
        foreach (var feed in new ILiveFeedControl?[] { _overview, _runs }.OfType<ILiveFeedControl>())
        {
            feed.SetPaused(paused);
        }
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        _overview?.Dispose();
        _runs?.Dispose();
        GC.SuppressFinalize(this);
    }
}
