using LocalCloud.Persistence;
using Microsoft.Extensions.Logging.Abstractions;

namespace LocalCloud.Tests.Persistence;

/// <summary>The store's own guarantees: group commit, and opening to the last committed state after a torn write.</summary>
public sealed class DurableStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "localcloud-store-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Open_WalTornInLastTransaction_OpensToLastCommittedState()
    {
        var crashed = Path.Combine(_folder, "crashed");
        var store = DurableStore.Open(_folder, NullLogger.Instance);
        await using (store)
        {
            store.Put("test", "a", "first");
            await store.FlushAsync(TestContext.Current.CancellationToken);
            var committed = new FileInfo(store.DatabasePath + "-wal").Length;
            store.Put("test", "b", new string('x', 20_000));
            await store.FlushAsync(TestContext.Current.CancellationToken);
            var after = new FileInfo(store.DatabasePath + "-wal").Length;

            // A crash half-way through writing the second transaction: its frames are cut off in the middle.
            Directory.CreateDirectory(crashed);
            File.Copy(store.DatabasePath!, Path.Combine(crashed, "localcloud.db"));
            await using (var wal = new FileStream(store.DatabasePath + "-wal", FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            await using (var copy = File.Create(Path.Combine(crashed, "localcloud.db-wal")))
            {
                var bytes = new byte[committed + ((after - committed) / 2)];
                await wal.ReadExactlyAsync(bytes, TestContext.Current.CancellationToken);
                await copy.WriteAsync(bytes, TestContext.Current.CancellationToken);
            }
        }

        await using var reopened = DurableStore.Open(crashed, NullLogger.Instance);
        var records = reopened.Load<string>("test");
        Assert.Equal([("a", "first")], records);
    }

    [Fact]
    public async Task Atomic_ChangesFromOneScope_CommitInOneTransaction()
    {
        await using var store = DurableStore.Open(_folder, NullLogger.Instance);
        using (store.Atomic())
        {
            for (var i = 0; i < 100; i++)
            {
                store.Put("test", i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i);
            }
        }

        await store.FlushAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, store.Transactions);
        Assert.Equal(100, store.Load<int>("test").Count);
    }

    [Fact]
    public async Task Put_ManyConcurrentWriters_ShareTransactions()
    {
        await using var store = DurableStore.Open(_folder, NullLogger.Instance);
        await Parallel.ForAsync(0, 2_000, TestContext.Current.CancellationToken, async (i, ct) =>
        {
            store.Put("test", i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), i);
            await store.FlushAsync(ct);
        });

        Assert.Equal(2_000, store.Load<int>("test").Count);
        Assert.True(store.Transactions < 2_000, $"{store.Transactions} transactions for 2000 acknowledged writes: no group commit.");
    }

    [Fact]
    public async Task Disabled_NothingKeptAndFlushCompletesAtOnce()
    {
        var store = DurableStore.Open(null, NullLogger.Instance);
        store.Put("test", "a", 1);
        Assert.False(store.IsEnabled);
        Assert.True(store.FlushAsync(TestContext.Current.CancellationToken).IsCompletedSuccessfully);
        Assert.Empty(store.Load<int>("test"));
        await store.DisposeAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
