using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using OciTui.Registry.Http;
using OciTui.Registry.Models;
using OciTui.Registry.References;
using OciTui.Registry.Transfers;
using OciTui.Registry.Wire;
using static OciTui.Testing.FakeRegistry;

namespace OciTui.Registry.Tests.Transfers;

/// <summary>A pull cancelled while it waits on any step (token, manifest, config, blob headers, blob body) stops at once and leaves no final file.</summary>
public sealed class CancelAtAnyMomentTests : IDisposable
{
    private static readonly ChartArchiveBuilder Chart = new("chart", "1.0.0");
    private static readonly byte[] Config = Chart.ConfigJson();
    private static readonly byte[] Layer = new byte[4 * 1024 * 1024];
    private static readonly byte[] Manifest = ChartManifestFor(Config, Layer);
    private readonly string _directory = Directory.CreateTempSubdirectory("ocitui-cancel-any-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Task Hang(HttpContext context) => Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ContinueWith(_ => { });

    private static RequestDelegate HangingAt(string phase, Uri tokens) => async context =>
    {
        string path = context.Request.Path.Value!;
        if (path == "/token")
        {
            if (phase == "token") await Hang(context);
            else await WriteAsync(context, 200, "{\"token\":\"t\"}");
            return;
        }
        if (context.Request.Headers.Authorization.ToString() != "Bearer t")
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{tokens}\",service=\"s\"";
            await WriteAsync(context, 401, "{}");
            return;
        }
        if (path.Contains("/manifests/", StringComparison.Ordinal))
        {
            if (phase == "manifest") await Hang(context);
            else await WriteBytesAsync(context, Manifest, MediaTypes.OciManifest);
        }
        else if (path.EndsWith(Sha256(Config), StringComparison.Ordinal))
        {
            if (phase == "config")
            {
                context.Response.ContentLength = Config.Length;
                await context.Response.Body.WriteAsync(Config.AsMemory(0, 10));
                await context.Response.Body.FlushAsync();
                await Hang(context);
            }
            else
            {
                await WriteBytesAsync(context, Config, "application/octet-stream");
            }
        }
        else if (phase == "blob-headers")
        {
            await Hang(context);
        }
        else
        {
            context.Response.ContentLength = Layer.Length;
            await context.Response.Body.WriteAsync(Layer.AsMemory(0, 1024 * 1024));
            await context.Response.Body.FlushAsync();
            await Hang(context);
        }
    };

    [Theory]
    [InlineData("token")]
    [InlineData("manifest")]
    [InlineData("config")]
    [InlineData("blob-headers")]
    [InlineData("blob-body")]
    public async Task Cancelling_stops_promptly_and_leaves_no_final_file(string phase)
    {
        FakeRegistry? fake = null;
        fake = await StartAsync(context => HangingAt(phase, new Uri(fake!.BaseAddress, "token"))(context));
        await using (fake)
        {
            using RemoteRegistry client = fake.Client();
            using var cancel = new CancellationTokenSource();
            Task<PullResult> pull = ChartPuller.PullAsync(client, new PullRequest("charts/chart", ManifestReference.Parse("1.0.0"), _directory), null, cancel.Token);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!fake.Requests.Any(r => Reached(phase, r)) && DateTime.UtcNow < deadline) await Task.Delay(20);
            await Task.Delay(100);
            var clock = Stopwatch.StartNew();
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pull.WaitAsync(TimeSpan.FromSeconds(5)));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
            Assert.False(File.Exists(Path.Combine(_directory, "chart-1.0.0.tgz")));
            Assert.All(Directory.GetFiles(_directory), f => Assert.EndsWith(".partial", f, StringComparison.Ordinal));
        }
    }

    private static bool Reached(string phase, RecordedRequest request) => phase switch
    {
        "token" => request.PathAndQuery.StartsWith("/token", StringComparison.Ordinal),
        "manifest" => request.PathAndQuery.Contains("/manifests/", StringComparison.Ordinal) && request.Header("Authorization") is not null,
        "config" => request.PathAndQuery.EndsWith(Sha256(Config), StringComparison.Ordinal) && request.Header("Authorization") is not null,
        _ => request.PathAndQuery.EndsWith(Sha256(Layer), StringComparison.Ordinal) && request.Header("Authorization") is not null,
    };
}
