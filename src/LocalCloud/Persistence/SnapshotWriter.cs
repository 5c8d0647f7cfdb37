using System.Text.Json;

namespace LocalCloud.Persistence;

/// <summary>
/// Writes a record only when its serialized value changed since the last write. Backends whose definitions change only
/// through their API snapshot them after each call with this, instead of hooking every method that edits them.
/// Call it under the lock that guards the state being snapshotted.
/// </summary>
public sealed class SnapshotWriter(DurableStore store, string kind)
{
    private readonly Dictionary<string, byte[]> _written = new(StringComparer.Ordinal);

    /// <summary>Puts the value if it differs from what was last written under the key.</summary>
    public void Write<T>(string key, T value)
    {
        if (!store.IsEnabled)
        {
            return;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, DurableStore.Json);
        lock (_written)
        {
            if (_written.TryGetValue(key, out var last) && last.AsSpan().SequenceEqual(bytes))
            {
                return;
            }

            _written[key] = bytes;
            store.PutBytes(kind, key, bytes);
        }
    }

    /// <summary>Deletes the record if one was written.</summary>
    public void Remove(string key)
    {
        lock (_written)
        {
            if (_written.Remove(key))
            {
                store.Delete(kind, key);
            }
        }
    }

    /// <summary>Records what a restored record holds, so an unchanged snapshot is not written again.</summary>
    public void Restored<T>(string key, T value)
    {
        lock (_written)
        {
            _written[key] = JsonSerializer.SerializeToUtf8Bytes(value, DurableStore.Json);
        }
    }
}
