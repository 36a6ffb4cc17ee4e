using Microsoft.Win32.SafeHandles;

namespace OciTui.Cli;

/// <summary>
/// stdout and stderr for the command line. A terminal or a pipe is written with write(2) directly: System.Console's
/// streams set the terminal up on their first write to one (terminfo, a keypad-mode escape on stdout), which a
/// command line that prints text has no use for. Like System.Console, a reader that went away (<c>ocitui tags x | head -1</c>: EPIPE) or
/// a closed descriptor silently ends the output instead of failing the command.
/// </summary>
public static class StandardStreams
{
    public static TextWriter Open(int descriptor, int bufferSize, bool autoFlush) =>
        new StreamWriter(new QuietStream(OpenDescriptor(descriptor)), new System.Text.UTF8Encoding(false), bufferSize) { AutoFlush = autoFlush };

    private static Stream OpenDescriptor(int descriptor)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var stream = new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
                // A terminal or a pipe: write(2) as it comes. A regular file (> out, >> log) goes through the console
                // stream, whose write(2) shares the descriptor's offset and O_APPEND; FileStream would pwrite at its
                // own offset and overwrite what others wrote to the same file.
                if (!stream.CanSeek) return stream;
                stream.Dispose();
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                // Not a usable descriptor: let System.Console decide.
            }
        }
        return descriptor == 1 ? Console.OpenStandardOutput() : Console.OpenStandardError();
    }

    /// <summary>Drops what it cannot write once the descriptor has failed, as the console does.</summary>
    private sealed class QuietStream(Stream inner) : Stream
    {
        private bool _broken;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_broken) return;
            try
            {
                inner.Write(buffer);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _broken = true;
            }
        }

        public override void Flush()
        {
            if (_broken) return;
            try
            {
                inner.Flush();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _broken = true;
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
