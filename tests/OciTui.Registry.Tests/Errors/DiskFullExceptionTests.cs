using OciTui.Registry.Errors;

namespace OciTui.Registry.Tests.Errors;

/// <summary>Which write failures mean "the filesystem is full", and the sentence each gives.</summary>
public sealed class DiskFullExceptionTests
{
    [Theory]
    [InlineData(28, true)] // ENOSPC
    [InlineData(27, true)] // EFBIG
    [InlineData(122, true)] // EDQUOT
    [InlineData(5, false)] // EIO
    [InlineData(13, false)] // EACCES
    public void Only_space_errors_count_as_a_full_disk(int errno, bool full)
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal(full, DiskFullException.IsOutOfSpace(new IOException("write failed", errno)));
    }

    [Fact]
    public void A_quota_says_quota_and_a_size_limit_says_so()
    {
        if (!OperatingSystem.IsLinux()) return;
        Assert.Equal("The disk quota in /home/u is used up, so app-1.0.0.tgz does not fit: it needs 50 MiB; nothing was kept.",
            new DiskFullException("/home/u", "app-1.0.0.tgz", 50L * 1024 * 1024, new IOException("x", 122)).Message);
        Assert.Equal("The filesystem of /mnt/fat cannot hold a file as large as app-1.0.0.tgz: it needs 5 GiB; nothing was kept.",
            new DiskFullException("/mnt/fat", "app-1.0.0.tgz", 5L * 1024 * 1024 * 1024, new IOException("x", 27)).Message);
    }
}
