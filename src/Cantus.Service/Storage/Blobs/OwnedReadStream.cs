namespace Cantus.Service.Storage.Blobs;

/// <summary>
/// A read-only stream over a blob column that streams from the database connection, and owns
/// that connection with its command and reader: disposing the stream closes them.
/// </summary>
internal sealed class OwnedReadStream(Stream inner, long length, IAsyncDisposable[] owned) : Stream
{
    private long position;
    private bool disposed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        position += read;
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) DisposeOwnedAsync().AsTask().GetAwaiter().GetResult();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await DisposeOwnedAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask DisposeOwnedAsync()
    {
        if (disposed) return;
        disposed = true;
        await inner.DisposeAsync().ConfigureAwait(false);
        foreach (var item in owned) await item.DisposeAsync().ConfigureAwait(false);
    }
}
