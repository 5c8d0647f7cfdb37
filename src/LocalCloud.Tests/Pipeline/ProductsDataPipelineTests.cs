using System.Text.Json;
using LocalCloud.Glue;
using LocalCloud.Tests.Shared;

namespace LocalCloud.Tests.Pipeline;

/// <summary>
/// The walkthrough's data: five JSON uploads become one Parquet file under data/products/ and a products table in
/// the Data Catalog, read back through the S3 API with DuckDB; a bad upload fails the job with a message that says where.
/// </summary>
public sealed class ProductsDataPipelineTests(LocalCloudFixture cloud) : IClassFixture<LocalCloudFixture>
{
    private static readonly string[][] Products =
    [
        ["00001", "Television", "2021-06-01"],
        ["00002", "USB charger", "2021-06-02"],
        ["00003", "Headphones", "2021-06-03"],
        ["00004", "Kettle", "2021-06-04"],
        ["00005", "Desk lamp", "2021-06-05"],
    ];

    private static string ProductJson(string[] p) => $$"""{"product_id": "{{p[0]}}", "product_name": "{{p[1]}}", "created_at": "{{p[2]}}"}""";

    [Theory]
    [InlineData(UploadEvents.CloudTrail)]
    [InlineData(UploadEvents.ObjectCreated)]
    public async Task FiveUploads_BecomeParquetAndATable_WhoseRowsAreTheFiveProducts(UploadEvents events)
    {
        using var bed = new DataPipelineBed(cloud);
        await bed.CreateAsync(events);
        foreach (var product in Products)
        {
            await bed.UploadAsync($"data/products_raw/product_{product[0]}.json", ProductJson(product));
        }

        var run = await bed.SingleRunAsync();
        Assert.Equal("RUNNING", run.Status);
        Assert.Empty(await bed.ListAsync("data/products/"));

        await bed.AdvanceAsync(DataPipelineBed.JobSeconds + 1);
        var job = Assert.Single(((GetJobRunsResponse)await bed.GlueAsync("GetJobRuns", new GetJobRunsRequest(DataPipelineBed.Job, null, null))).JobRuns);
        Assert.Equal("SUCCEEDED", job.JobRunState);
        Assert.Equal([$"data/products/part-{job.Id}.parquet"], await bed.ListAsync("data/products/"));

        await bed.AdvanceAsync(DataPipelineBed.CrawlSeconds + 1);
        run = await bed.SingleRunAsync();
        Assert.Equal("COMPLETED", run.Status);
        Assert.Equal(2, run.Statistics.SucceededActions);

        var rows = await bed.QueryAsync("data/products/", "SELECT product_id, product_name, CAST(created_at AS VARCHAR), typeof(created_at) FROM {files} ORDER BY product_id");
        Assert.Equal(Products.Select(p => string.Join('|', [.. p, "DATE"])), rows.Select(r => string.Join('|', r)));

        var (status, table) = await bed.GlueHttpAsync("GetTable", $$"""{"DatabaseName":"{{DataPipelineBed.Database}}","Name":"products"}""");
        Assert.Equal(200, status);
        var storage = table.GetProperty("Table").GetProperty("StorageDescriptor");
        Assert.Equal($"s3://{bed.Bucket}/data/products/", storage.GetProperty("Location").GetString());
        Assert.Equal(["product_id:string", "product_name:string", "created_at:date"],
            storage.GetProperty("Columns").EnumerateArray().Select(c => $"{c.GetProperty("Name").GetString()}:{c.GetProperty("Type").GetString()}"));
        Assert.Equal("parquet", table.GetProperty("Table").GetProperty("Parameters").GetProperty("classification").GetString());
        Assert.Equal("5", table.GetProperty("Table").GetProperty("Parameters").GetProperty("recordCount").GetString());
        Assert.Empty(table.GetProperty("Table").GetProperty("PartitionKeys").EnumerateArray());
    }

    [Fact]
    public async Task BadJsonInOneUpload_FailsTheJobWithKeyLineAndPosition_RunCompletedWithAFailedAction()
    {
        using var bed = new DataPipelineBed(cloud);
        await bed.CreateAsync(UploadEvents.CloudTrail);
        foreach (var product in Products)
        {
            var body = product[0] == "00003" ? "{\"product_id\": \"00003\",\n \"product_name\": }" : ProductJson(product);
            await bed.UploadAsync($"data/products_raw/product_{product[0]}.json", body);
        }

        await bed.AdvanceAsync(DataPipelineBed.JobSeconds + 1);
        await bed.AdvanceAsync(DataPipelineBed.CrawlSeconds + 1);

        var job = Assert.Single(((GetJobRunsResponse)await bed.GlueAsync("GetJobRuns", new GetJobRunsRequest(DataPipelineBed.Job, null, null))).JobRuns);
        Assert.Equal("FAILED", job.JobRunState);
        Assert.StartsWith($"Could not parse s3://{bed.Bucket}/data/products_raw/product_00003.json as JSON: line 2, position 18: ", job.ErrorMessage);
        Assert.Contains("is an invalid start of a value", job.ErrorMessage, StringComparison.Ordinal);

        var run = await bed.SingleRunAsync();
        Assert.Equal("COMPLETED", run.Status);
        Assert.Equal(1, run.Statistics.FailedActions);
        Assert.Equal(1, run.Statistics.TotalActions);
        Assert.Empty(await bed.ListAsync("data/products/"));
        var (status, error) = await bed.GlueHttpAsync("GetTable", $$"""{"DatabaseName":"{{DataPipelineBed.Database}}","Name":"products"}""");
        Assert.Equal(400, status);
        Assert.Equal("EntityNotFoundException", error.GetProperty("__type").GetString());
    }

    [Fact]
    public async Task RunStatisticsOverHttp_ShowTheFailedAction()
    {
        using var bed = new DataPipelineBed(cloud);
        await bed.CreateAsync(UploadEvents.ObjectCreated);
        for (var i = 1; i <= 5; i++)
        {
            await bed.UploadAsync($"data/products_raw/lines_{i}.json", i == 5 ? "{\"a\": 1}\n{\"a\": 2,}\n" : "{\"a\": 1}\n{\"a\": 2}\n");
        }

        await bed.AdvanceAsync(DataPipelineBed.JobSeconds + 1);

        var (_, runs) = await bed.GlueHttpAsync("GetWorkflowRuns", $$"""{"Name":"{{DataPipelineBed.Workflow}}"}""");
        var run = Assert.Single(runs.GetProperty("Runs").EnumerateArray());
        Assert.Equal("COMPLETED", run.GetProperty("Status").GetString());
        Assert.Equal(1, run.GetProperty("Statistics").GetProperty("FailedActions").GetInt32());
        var node = run.GetProperty("Graph").GetProperty("Nodes").EnumerateArray().Single(n => n.GetProperty("Type").GetString() == "JOB");
        var message = node.GetProperty("JobDetails").GetProperty("JobRuns")[0].GetProperty("ErrorMessage").GetString();
        Assert.StartsWith($"Could not parse s3://{bed.Bucket}/data/products_raw/lines_5.json as JSON: line 2, position 9: ", message);
        Assert.Equal(JsonValueKind.String, run.GetProperty("WorkflowRunProperties").GetProperty("aws:eventIds").ValueKind);
    }
}
