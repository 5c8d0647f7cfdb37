using Dashboard.Aws.CloudWatch;
using Dashboard.Aws.EventBridge;
using Dashboard.Aws.Glue;
using Dashboard.Batching.WhatIf;
using Dashboard.Cloud;
using Dashboard.Metrics;
using Dashboard.Workflows;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Dashboard.Tests.Shared;

/// <summary>
/// Registers <see cref="WorkflowTuning"/> and the services it reads through, for component tests of the batching
/// editor (whose diff shows the simulator's effect). What a test registered itself is kept; the rest are empty fakes.
/// </summary>
public static class TuningServices
{
    public static IServiceCollection AddWorkflowTuning(this IServiceCollection services)
    {
        services.TryAddSingleton<IGlueApi>(new FakeGlue());
        services.TryAddSingleton<IEventBridgeApi>(new FakeEventBridge());
        services.TryAddSingleton<ICloudWatchApi>(new FakeCloudWatch());
        services.TryAddSingleton<ICloudIdentity>(new FakeCloudIdentity());
        services.AddHybridCache();
        services.TryAddSingleton<WorkflowDetails>();
        services.TryAddSingleton<WorkflowRuns>();
        services.TryAddSingleton<RuleMetrics>();
        services.TryAddSingleton<WorkflowTuning>();
        return services;
    }
}
