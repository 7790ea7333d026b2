namespace Cantus.Service.Storage.Blobs;

/// <summary>
/// A write-then-read buffer for content whose key (its hash) is known only at its end: memory
/// up to a threshold, then a temporary file that deletes itself on close.
/// </summary>
internal sealed class SpoolStream : Stream
{
    private readonly int memoryLimit;
    private readonly string directory;
    private Stream inner = new MemoryStream();

    public SpoolStream(int memoryLimit, string directory)
    {
        this.memoryLimit = memoryLimit;
        this.directory = directory;
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (inner is MemoryStream memory && memory.Length + buffer.Length > memoryLimit)
        {
            Directory.CreateDirectory(directory);
            var file = new FileStream(Path.Combine(directory, "cantus-spool-" + StoreIds.New()), FileMode.CreateNew, FileAccess.ReadWrite,
                FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
            memory.Position = 0;
            await memory.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            inner = file;
            await memory.DisposeAsync().ConfigureAwait(false);
        }
        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
