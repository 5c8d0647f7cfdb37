using System.Runtime.InteropServices;

namespace LocalCloud.Persistence;

/// <summary>
/// fsync for files and directories. A renamed file is only durable once its directory is synced; .NET has no API for
/// that, so on Linux and macOS the directory is opened and synced through libc.
/// </summary>
public static partial class FileSync
{
    private const int ReadOnly = 0;

    /// <summary>Makes a directory's entries (files created, renamed or deleted in it) durable.</summary>
    public static void Directory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            // NTFS journals renames itself; a directory cannot be opened for flushing.
            return;
        }

        var descriptor = Open(path, ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"Cannot open directory {path} to sync it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"Cannot sync directory {path} (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int descriptor);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int descriptor);
}
