using Dashboard.Aws.Glue;

namespace Dashboard.Tests.Shared;

/// <summary>Builds Glue <see cref="WorkflowGraph"/> wire shapes the way GetWorkflow and GetWorkflowRun return them.</summary>
public sealed class GlueGraphs
{
    private readonly List<Node> _nodes = [];
    private readonly List<Edge> _edges = [];

    public static string IdOf(string name) => $"wnode_{name}";

    public GlueGraphs Trigger(string name, string type = "CONDITIONAL")
    {
        _nodes.Add(new Node
        {
            Type = "TRIGGER",
            Name = name,
            UniqueId = IdOf(name),
            TriggerDetails = new() { Trigger = new Trigger { Name = name, Type = type } },
        });
        return this;
    }

    /// <summary>A job node; each state adds one job run, in order, as retries do; the error goes on the last.</summary>
    public GlueGraphs Job(string name, IReadOnlyList<string>? states = null, string? error = null)
    {
        states ??= [];
        var started = new DateTimeOffset(2026, 11, 25, 11, 0, 0, TimeSpan.Zero);
        _nodes.Add(new Node
        {
            Type = "JOB",
            Name = name,
            UniqueId = IdOf(name),
            JobDetails = new()
            {
                JobRuns = [.. states.Select((state, i) => new JobRun
                {
                    Id = $"jr_{name}_{i}",
                    Attempt = i,
                    JobName = name,
                    JobRunState = state,
                    StartedOn = started.AddMinutes(i * 5),
                    CompletedOn = state is "RUNNING" ? null : started.AddMinutes((i * 5) + 2).AddSeconds(30),
                    ErrorMessage = i == states.Count - 1 ? error : null,
                })],
            },
        });
        return this;
    }

    public GlueGraphs Crawler(string name, string? state = null, string? error = null)
    {
        _nodes.Add(new Node
        {
            Type = "CRAWLER",
            Name = name,
            UniqueId = IdOf(name),
            CrawlerDetails = new() { Crawls = state is null ? [] : [new Crawl { State = state, ErrorMessage = error }] },
        });
        return this;
    }

    public GlueGraphs Edge(string from, string to)
    {
        _edges.Add(new Edge { SourceId = IdOf(from), DestinationId = IdOf(to) });
        return this;
    }

    public WorkflowGraph Build() => new() { Nodes = [.. _nodes], Edges = [.. _edges] };

    /// <summary>
    /// The products walkthrough: the EVENT trigger starts the Parquet job; a conditional trigger runs the crawler
    /// after it. States are for one run; none means the graph of the workflow itself.
    /// </summary>
    public static WorkflowGraph Walkthrough(string? jobState = null, string? crawlerState = null, string? crawlerError = null)
    {
        var graph = new GlueGraphs()
            .Trigger("products_raw_ingest_pre_job_trigger", "EVENT")
            .Trigger("products_raw_ingest_post_job_trigger")
            .Crawler("products_parquet_crawler", crawlerState, crawlerError)
            .Edge("products_raw_ingest_pre_job_trigger", "products_json_to_parquet")
            .Edge("products_json_to_parquet", "products_raw_ingest_post_job_trigger")
            .Edge("products_raw_ingest_post_job_trigger", "products_parquet_crawler");
        return graph.Job("products_json_to_parquet", jobState is null ? null : [jobState]).Build();
    }

    /// <summary>
    /// A 30-node workflow shaped like real ones: a start trigger fans out to eight jobs, conditional triggers join
    /// them in twos, a second stage fans out again, one trigger waits on jobs from two stages (an edge that skips
    /// layers), and crawlers finish each branch.
    /// </summary>
    public static WorkflowGraph Thirty()
    {
        var graph = new GlueGraphs().Trigger("start", "EVENT");
        for (var i = 1; i <= 8; i++)
        {
            graph.Job($"extract_{i}").Edge("start", $"extract_{i}");
        }

        for (var pair = 1; pair <= 4; pair++)
        {
            graph.Trigger($"join_{pair}")
                .Edge($"extract_{(pair * 2) - 1}", $"join_{pair}")
                .Edge($"extract_{pair * 2}", $"join_{pair}")
                .Job($"transform_{pair}")
                .Edge($"join_{pair}", $"transform_{pair}");
        }

        for (var pair = 1; pair <= 2; pair++)
        {
            graph.Trigger($"load_gate_{pair}")
                .Edge($"transform_{(pair * 2) - 1}", $"load_gate_{pair}")
                .Edge($"transform_{pair * 2}", $"load_gate_{pair}")
                .Job($"load_{pair}")
                .Edge($"load_gate_{pair}", $"load_{pair}")
                .Crawler($"crawl_{pair}")
                .Edge($"load_gate_{pair}", $"crawl_{pair}");
        }

        // Waits on a first-stage job and a last-stage job: its edge from extract_8 skips four layers.
        return graph.Trigger("audit_gate")
            .Edge("extract_8", "audit_gate")
            .Edge("load_2", "audit_gate")
            .Job("audit")
            .Edge("audit_gate", "audit")
            .Crawler("audit_crawl")
            .Edge("audit_gate", "audit_crawl")
            .Job("archive")
            .Edge("audit_gate", "archive")
            .Trigger("report_gate")
            .Edge("load_1", "report_gate")
            .Job("report")
            .Edge("report_gate", "report")
            .Crawler("report_crawl")
            .Edge("report_gate", "report_crawl")
            .Build();
    }
}
