namespace Dashboard.Audit;

/// <summary>
/// The durable, append-only record of every write the dashboard makes to AWS. There is no update and no delete;
/// the stores refuse them at the database level too.
/// </summary>
public interface IAuditLog
{
    /// <summary>Stores the record durably before it returns.</summary>
    /// <exception cref="ArgumentException">The record is incomplete (<see cref="AuditRecord.Problems"/>).</exception>
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>One page of the matching records, newest first.</summary>
    Task<AuditRecordPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Every matching record, oldest first, as RFC 4180 CSV that spreadsheets open safely.</summary>
    Task WriteCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken);
}
