using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using OciTui.Registry.Auth;
using OciTui.Registry.Catalogs;
using OciTui.Registry.Credentials;
using OciTui.Registry.Errors;
using OciTui.Registry.Http;
using OciTui.Registry.Profiles;
using OciTui.Registry.References;
using OciTui.Registry.Text;
using OciTui.Registry.Wire;

namespace OciTui.Registry.Diagnostics;

/// <summary>How a connection check runs; tests give their own clock.</summary>
public sealed record DoctorOptions
{
    /// <summary>The repository whose pull scope the token step asks for (default: the profile's first pinned one).</summary>
    public string? Repository { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Longest wait for one connection, handshake or answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A certificate this close to its end gets a warning: someone has to renew it soon.</summary>
    public TimeSpan CertificateRenewalWarning { get; init; } = TimeSpan.FromDays(14);

    /// <summary>A clock further than this from the registry's gets a warning.</summary>
    public TimeSpan ClockTolerance { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Checks the way to one registry step by step, as <c>curl -v</c> would show it but explained: name resolution, TCP,
/// TLS, <c>GET /v2/</c> and its challenge, the credential source that wins, a token and the scopes it grants, the
/// catalog, the clock and the proxy. Each step says ok, warning, failure or skipped with one sentence of what it found
/// and one of what to do; a step an earlier failure makes meaningless is skipped with the reason. Nothing in the report
/// is a secret or a token, and every string from the server is sanitised, so it can be pasted into a ticket.
/// </summary>
public static class ConnectionDoctor
{
    /// <summary>Runs every step; <paramref name="progress"/> hears each one as it finishes, in order.</summary>
    public static async Task<DoctorReport> RunAsync(Profile profile, CredentialEnvironment environment, DoctorOptions? options = null,
        IProgress<DoctorStepResult>? progress = null, CancellationToken cancellationToken = default)
    {
        if (profile.Kind == ProfileKind.Layout)
            throw new InvalidInputException($"Profile '{TerminalText.Sanitize(profile.Name, 64)}' is a layout folder; there is no connection to check.");
        using var check = new Check(profile, environment, options ?? new DoctorOptions(), progress);
        await check.RunAsync(cancellationToken).ConfigureAwait(false);
        return new DoctorReport(profile.DisplayAddress, check.Steps);
    }

    private sealed class Check(Profile profile, CredentialEnvironment environment, DoctorOptions options, IProgress<DoctorStepResult>? progress) : IDisposable
    {
        private readonly List<DoctorStepResult> _steps = [];
        private readonly Uri _base = RegistryEndpoint.BaseAddressOf(profile);
        private readonly EnvironmentProxy _proxy = EnvironmentProxy.For(RegistryEndpoint.BaseAddressOf(profile), environment.GetVariable);
        private IPAddress[] _addresses = [];
        private IPAddress? _reached;
        private HttpClient? _http;
        private HttpResponseMessage? _ping;
        private RegistryCredential? _credential;
        private bool _credentialFailed;
        private RegistryAuthenticator? _authenticator;

        public IReadOnlyList<DoctorStepResult> Steps => _steps;

        private string Host => _base.IdnHost;
        private int Port => _base.Port;
        private string Address => $"{Host}:{Port}";
        private string Ping => new Uri(_base, _base.AbsolutePath.TrimEnd('/') + "/v2/").ToString();

        public void Dispose()
        {
            _authenticator?.Dispose();
            _ping?.Dispose();
            _http?.Dispose();
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            Add(await ResolveAsync(cancellationToken).ConfigureAwait(false));
            Add(await ConnectStepAsync(cancellationToken).ConfigureAwait(false));
            Add(await TlsStepAsync(cancellationToken).ConfigureAwait(false));
            Add(await PingStepAsync(cancellationToken).ConfigureAwait(false));
            Add(await CredentialStepAsync(cancellationToken).ConfigureAwait(false));
            Add(await TokenStepAsync(cancellationToken).ConfigureAwait(false));
            Add(await CatalogStepAsync(cancellationToken).ConfigureAwait(false));
            Add(ClockStep());
            Add(ProxyStep());
        }

        private void Add(DoctorStepResult result)
        {
            _steps.Add(result);
            progress?.Report(result);
        }

        private DoctorStepResult? Earlier(DoctorStep step) => _steps.FirstOrDefault(s => s.Step == step);

        private bool Failed(DoctorStep step) => Earlier(step)?.Status is DoctorStatus.Failure or DoctorStatus.Skipped;

        /// <summary>A direct failure matters less when the proxy makes the connection: it is then a warning, and later steps still run.</summary>
        private DoctorStatus DirectFailure => _proxy.InEffect ? DoctorStatus.Warning : DoctorStatus.Failure;

        private string ThroughProxyNote => _proxy.InEffect ? $" Requests go through the proxy {_proxy.DisplayProxy} ({_proxy.Variable}), which may reach it." : "";

        // 1. Name resolution.
        private async Task<DoctorStepResult> ResolveAsync(CancellationToken cancellationToken)
        {
            if (IPAddress.TryParse(Host.Trim('[', ']'), out IPAddress? literal))
            {
                _addresses = [literal];
                return new(DoctorStep.Dns, DoctorStatus.Ok, $"{Host} is an IP address; there is no name to resolve.");
            }
            using var deadline = Deadline(cancellationToken);
            try
            {
                _addresses = await Dns.GetHostAddressesAsync(Host, deadline.Token).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                return new(DoctorStep.Dns, DirectFailure, $"{Host} does not resolve ({Sentence(e.SocketErrorCode)}).{ThroughProxyNote}",
                    "Check the host name in the profile for a typo, and this machine's DNS (/etc/resolv.conf, a VPN that must be up).");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new(DoctorStep.Dns, DirectFailure, $"Resolving {Host} took longer than {Seconds(options.Timeout)}.{ThroughProxyNote}",
                    "Check this machine's DNS servers (/etc/resolv.conf).");
            }
            if (_addresses.Length == 0)
                return new(DoctorStep.Dns, DirectFailure, $"{Host} resolves to no address.{ThroughProxyNote}", "Check the host's DNS records.");
            return new(DoctorStep.Dns, DoctorStatus.Ok, $"{Host} resolves to {string.Join(", ", _addresses.Take(6))}{(_addresses.Length > 6 ? ", ..." : "")}.");
        }

        // 2. TCP connect.
        private async Task<DoctorStepResult> ConnectStepAsync(CancellationToken cancellationToken)
        {
            if (_addresses.Length == 0)
                return new(DoctorStep.Connect, DoctorStatus.Skipped, $"No address for {Host} to connect to.");
            var refused = new List<string>();
            foreach (IPAddress address in _addresses.Take(6))
            {
                var watch = Stopwatch.StartNew();
                try
                {
                    using Socket socket = await OpenAsync(address, cancellationToken).ConfigureAwait(false);
                    _reached = address;
                    return new(DoctorStep.Connect, DoctorStatus.Ok,
                        $"Connected to {Endpoint(address)} in {watch.Elapsed.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture)} ms.");
                }
                catch (SocketException e)
                {
                    refused.Add($"{Endpoint(address)}: {Sentence(e.SocketErrorCode)}");
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    refused.Add($"{Endpoint(address)}: no answer within {Seconds(options.Timeout)}");
                }
            }
            return new(DoctorStep.Connect, DirectFailure, $"Cannot connect to port {Port} ({string.Join("; ", refused)}).{ThroughProxyNote}",
                refused.All(r => r.EndsWith("refused", StringComparison.Ordinal))
                    ? $"Check that the registry runs and listens on port {Port}, and the port in the profile's address."
                    : "A firewall may drop the connection: check the network path to the registry, or whether a proxy is needed.");
        }

        private async Task<Socket> OpenAsync(IPAddress address, CancellationToken cancellationToken)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var deadline = Deadline(cancellationToken);
            try
            {
                await socket.ConnectAsync(address, Port, deadline.Token).ConfigureAwait(false);
                return socket;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        // 3. TLS.
        private async Task<DoctorStepResult> TlsStepAsync(CancellationToken cancellationToken)
        {
            if (_base.Scheme == Uri.UriSchemeHttp)
                return new(DoctorStep.Tls, DoctorStatus.Skipped, "The profile talks plain HTTP (plainHttp or an http:// address): no TLS, nothing is encrypted.");
            if (_reached is not { } address)
                return new(DoctorStep.Tls, DoctorStatus.Skipped, $"No direct connection to {Address} to shake hands over.");
            return await TlsProbe.RunAsync(ct => OpenAsync(address, ct), Host, Port, profile.CaFile, profile.InsecureSkipTlsVerify,
                options, cancellationToken).ConfigureAwait(false);
        }

        // 4. GET /v2/.
        private async Task<DoctorStepResult> PingStepAsync(CancellationToken cancellationToken)
        {
            if (!_proxy.InEffect && (_reached is null || (Failed(DoctorStep.Tls) && Earlier(DoctorStep.Tls)!.Status == DoctorStatus.Failure)))
                return new(DoctorStep.Ping, DoctorStatus.Skipped, _reached is null ? "No connection to send GET /v2/ over." : "The TLS step failed, so no request can be sent.");
            HttpResponseMessage response;
            try
            {
                _http = CreateClient();
                response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, Ping), cancellationToken).ConfigureAwait(false);
            }
            catch (OciTuiException e)
            {
                return new(DoctorStep.Ping, DoctorStatus.Failure, e.Message, ProxyFix ?? e.Hint);
            }
            _ping = response;
            int status = (int)response.StatusCode;
            string asked = $"GET {Ping} answered {status}";
            if (status == 200) return new(DoctorStep.Ping, DoctorStatus.Ok, $"{asked}: a registry, open without credentials.");
            if (status == 401)
            {
                IReadOnlyList<AuthChallenge> challenges = Challenges(response);
                if (challenges.Count == 0)
                    return new(DoctorStep.Ping, DoctorStatus.Warning, $"{asked} without a WWW-Authenticate challenge, so a client cannot tell how to log in.",
                        "A proxy or load balancer in front of the registry may drop the header; check its configuration.");
                return new(DoctorStep.Ping, DoctorStatus.Ok, $"{asked}, asking for {string.Join(" or ", challenges.Select(Describe))}.");
            }
            string body = await ReadSmallAsync(response, cancellationToken).ConfigureAwait(false);
            if (status == 400 && body.Contains("HTTP request to an HTTPS server", StringComparison.OrdinalIgnoreCase))
                return new(DoctorStep.Ping, DoctorStatus.Failure, $"{asked}: the server speaks HTTPS on this port, not plain HTTP.",
                    "Drop plainHttp from the profile (or --plain-http), or give an https:// address.");
            if (status is >= 300 and < 400)
                return new(DoctorStep.Ping, DoctorStatus.Failure, $"{asked}, redirecting to {TerminalText.Sanitize(response.Headers.Location?.ToString() ?? "nowhere", 120)}: not a registry's answer.",
                    "Use the address the registry's API is served at (the redirect's target, or https:// for http://).");
            return new(DoctorStep.Ping, DoctorStatus.Failure, $"{asked}: no OCI registry API at this address.",
                "Check the address; a registry behind a path prefix needs it in the profile (https://host/prefix).");
        }

        private string? ProxyFix => _proxy.InEffect ? $"Requests go through the proxy {_proxy.DisplayProxy} ({_proxy.Variable}): check it, or add {Host} to NO_PROXY." : null;

        private HttpClient CreateClient()
        {
            RegistryConnectionOptions connection = ConnectionOptions();
            SocketsHttpHandler handler = HttpTransport.CreateHandler(connection);
            handler.UseProxy = _proxy.InEffect;
            if (_proxy.InEffect)
            {
                var proxy = new WebProxy(new Uri($"{_proxy.Proxy!.Scheme}://{_proxy.Proxy.Authority}"));
                if (_proxy.Proxy.UserInfo.Length > 0)
                {
                    string[] user = _proxy.Proxy.UserInfo.Split(':', 2);
                    proxy.Credentials = new NetworkCredential(Uri.UnescapeDataString(user[0]), user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "");
                }
                handler.Proxy = proxy;
            }
            return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        }

        private RegistryConnectionOptions ConnectionOptions() =>
            RegistryFactory.ConnectionOptions(profile, environment) with
            {
                Credentials = new Fixed(_credential),
                Time = options.Time,
                RequestTimeout = options.Timeout,
                ConnectTimeout = options.Timeout,
            };

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using (request)
            {
                using var deadline = Deadline(cancellationToken);
                try
                {
                    return await _http!.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException e)
                {
                    throw TransportFailure.Unreachable(request.RequestUri!.GetLeftPart(UriPartial.Authority), e);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new RegistryUnreachableException($"{request.RequestUri!.GetLeftPart(UriPartial.Authority)} did not answer within {Seconds(options.Timeout)}.")
                    {
                        Hint = "The registry or the network is overloaded or drops packets; try again, or check the path to it.",
                    };
                }
            }
        }

        // 5. The credential source that wins.
        private async Task<DoctorStepResult> CredentialStepAsync(CancellationToken cancellationToken)
        {
            string host = RegistryEndpoint.CredentialHost(_base);
            CredentialChain chain = CredentialChain.Default(profile.Credentials, environment);
            foreach (ICredentialProvider source in chain.Sources)
            {
                try
                {
                    _credential = await source.GetAsync(host, cancellationToken).ConfigureAwait(false);
                }
                catch (CredentialException e)
                {
                    _credentialFailed = true;
                    return new(DoctorStep.Credentials, DoctorStatus.Failure, e.Message,
                        e.Hint ?? "Fix the source named, or remove it so the next one (or anonymous access) is used.");
                }
                if (_credential is not null)
                    return new(DoctorStep.Credentials, DoctorStatus.Ok, $"{What(_credential)} from {Where(source, _credential)}; the secret is not shown.");
            }
            return new(DoctorStep.Credentials, DoctorStatus.Ok,
                $"No credentials for {host} in the profile, Helm's registry config ({CredentialFileLocator.HelmRegistryConfig(environment)}) or Docker's config ({CredentialFileLocator.DockerConfig(environment)}): anonymous.");
        }

        private static string What(RegistryCredential credential) =>
            credential.RegistryToken is not null ? "A registry token"
            : credential.IdentityToken is not null ? "An identity token"
            : $"User '{TerminalText.Sanitize(credential.Username, 64)}' with a password";

        private string Where(ICredentialProvider source, RegistryCredential credential)
        {
            string helper = credential.Helper is { } name ? $", through the credential helper {TerminalText.Sanitize(name, 80)}" : "";
            return source switch
            {
                ProfileCredentialSource when profile.Credentials is { } c => c switch
                {
                    { PasswordEnv: { } variable } => $"profile '{TerminalText.Sanitize(profile.Name, 64)}' (passwordEnv: ${TerminalText.Sanitize(variable, 64)})",
                    { PasswordFile: { } file } => $"profile '{TerminalText.Sanitize(profile.Name, 64)}' (passwordFile: {TerminalText.Sanitize(file, 200)})",
                    _ => $"profile '{TerminalText.Sanitize(profile.Name, 64)}' (password in the profile, or --password-stdin)",
                },
                DockerConfigFile file when file.Path == CredentialFileLocator.HelmRegistryConfig(environment) => $"Helm's registry config {TerminalText.Sanitize(file.Path, 200)}{helper}",
                DockerConfigFile file => $"Docker's config {TerminalText.Sanitize(file.Path, 200)}{helper}",
                _ => TerminalText.Sanitize(credential.Source, 200) + helper,
            };
        }

        // 6. A token for a pull scope, or the Basic login.
        private async Task<DoctorStepResult> TokenStepAsync(CancellationToken cancellationToken)
        {
            if (_ping is null) return new(DoctorStep.Token, DoctorStatus.Skipped, "GET /v2/ got no answer to authenticate against.");
            if (_ping.StatusCode == HttpStatusCode.OK)
                return new(DoctorStep.Token, DoctorStatus.Skipped, "GET /v2/ answered 200: the registry asks for no login.");
            if (_ping.StatusCode != HttpStatusCode.Unauthorized)
                return new(DoctorStep.Token, DoctorStatus.Skipped, $"GET /v2/ answered {(int)_ping.StatusCode}, not a challenge to log in against.");
            if (_credentialFailed)
                return new(DoctorStep.Token, DoctorStatus.Skipped, "The credentials step failed; logging in with the next source would not show what ocitui does.");
            IReadOnlyList<AuthChallenge> challenges = Challenges(_ping);
            _authenticator = new RegistryAuthenticator(_http!, ConnectionOptions());
            string? repository = options.Repository ?? profile.Repositories.FirstOrDefault();
            if (challenges.Any(c => c.IsBearer)) return await BearerAsync(repository, cancellationToken).ConfigureAwait(false);
            if (challenges.Any(c => c.IsBasic)) return await BasicAsync(cancellationToken).ConfigureAwait(false);
            return new(DoctorStep.Token, DoctorStatus.Skipped, "The registry asked for no scheme ocitui speaks (Basic or Bearer).");
        }

        private async Task<DoctorStepResult> BearerAsync(string? repository, CancellationToken cancellationToken)
        {
            string[] scopes = repository is null ? [] : [Scopes.Pull(repository)];
            AuthenticationHeaderValue? header;
            try
            {
                header = await _authenticator!.AuthenticateAsync(_ping!, scopes, null, cancellationToken).ConfigureAwait(false);
            }
            catch (OciTuiException e)
            {
                return new(DoctorStep.Token, DoctorStatus.Failure, e.Message, e.Hint ?? "Check the token server named in the challenge (ping step).");
            }
            if (header?.Parameter is not { } token)
                return new(DoctorStep.Token, DoctorStatus.Failure, "The token server gave no token.", "Check the credentials source and the token server's logs.");

            string asked = repository is null
                ? "a token without a scope (as docker login asks; --repository REPO asks for its pull)"
                : $"a token for {TerminalText.Sanitize(Scopes.Pull(repository), 200)}";
            string claims;
            bool pullGranted = true;
            if (TokenClaims.Read(token) is { } read)
            {
                string granted = read.Access.Count == 0 ? "nothing" : string.Join(", ", read.Access);
                string expiry = read.ExpiresAt is { } at ? $", expiring in {Math.Round((at - options.Time.GetUtcNow()).TotalSeconds)} s" : "";
                claims = $"granted (read from the JWT, unverified): {granted}{expiry}";
                pullGranted = repository is null || read.Access.Any(a => Grants(a, repository));
            }
            else
            {
                claims = "the token is opaque (not a JWT), so what it grants cannot be read";
            }

            HttpResponseMessage check;
            try
            {
                var request = new HttpRequestMessage(HttpMethod.Get, Ping);
                request.Headers.Authorization = header;
                check = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (OciTuiException e)
            {
                return new(DoctorStep.Token, DoctorStatus.Failure, $"Got {asked}, then: {e.Message}", e.Hint);
            }
            using (check)
            {
                string got = $"Got {asked}; {claims}";
                if (check.StatusCode != HttpStatusCode.OK)
                    return new(DoctorStep.Token, DoctorStatus.Failure, $"{got}; but GET /v2/ with it answered {(int)check.StatusCode}.",
                        "The registry does not accept its token server's tokens: check that their issuer, service and signing certificate agree.");
                if (!pullGranted)
                    return new(DoctorStep.Token, DoctorStatus.Warning, $"{got}; it does not grant pull on {TerminalText.Sanitize(repository, 200)}.",
                        _credential is null
                            ? "Anonymous users may not pull it (or it does not exist): give the profile credentials."
                            : "This user may not pull it (or it does not exist): check the user's permissions in the registry.");
                return new(DoctorStep.Token, DoctorStatus.Ok, $"{got}; GET /v2/ with it answered 200.");
            }
        }

        private static bool Grants(string access, string repository) =>
            Scopes.Parse(access) is { } scope && scope.Type == "repository" && scope.Name == repository && scope.Actions.Any(a => a is "pull" or "*");

        private async Task<DoctorStepResult> BasicAsync(CancellationToken cancellationToken)
        {
            if (_credential is not { HasBasic: true } credential)
                return new(DoctorStep.Token, DoctorStatus.Failure, "The registry asks for Basic credentials (no tokens) and none were found.",
                    "Give the profile a username and passwordEnv (or passwordFile), or log in with helm registry login.");
            string user = $"user '{TerminalText.Sanitize(credential.Username, 64)}'";
            try
            {
                AuthenticationHeaderValue? header = await _authenticator!.AuthenticateAsync(_ping!, [], null, cancellationToken).ConfigureAwait(false);
                var request = new HttpRequestMessage(HttpMethod.Get, Ping);
                request.Headers.Authorization = header;
                using HttpResponseMessage answer = await SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (answer.StatusCode == HttpStatusCode.OK)
                    return new(DoctorStep.Token, DoctorStatus.Ok, $"Basic auth, no tokens: GET /v2/ as {user} answered 200.");
                return new(DoctorStep.Token, DoctorStatus.Failure, $"Basic auth, no tokens: the registry refused {user} ({(int)answer.StatusCode}).",
                    "Check the password in the source the credentials step names (an expired or mistyped password), or log in again.");
            }
            catch (OciTuiException e)
            {
                return new(DoctorStep.Token, DoctorStatus.Failure, e.Message, e.Hint);
            }
        }

        // 7. The catalog, and the listing APIs beside it.
        private async Task<DoctorStepResult> CatalogStepAsync(CancellationToken cancellationToken)
        {
            if (_ping is null || (int)_ping.StatusCode is not (200 or 401))
                return new(DoctorStep.Catalog, DoctorStatus.Skipped, "GET /v2/ did not answer as a registry, so its catalog was not asked.");
            string api = await ListingApiAsync(cancellationToken).ConfigureAwait(false);
            int status;
            try
            {
                status = await CatalogStatusAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OciTuiException e)
            {
                return new(DoctorStep.Catalog, DoctorStatus.Warning, $"Asking for the catalog failed: {e.Message}{api}", e.Hint);
            }
            if (status == 200) return new(DoctorStep.Catalog, DoctorStatus.Ok, $"GET /v2/_catalog is allowed: the Repositories pane lists the registry's repositories.{api}");
            string refused = status switch
            {
                401 or 403 => $"GET /v2/_catalog is refused ({status}) to this user",
                404 => "The registry offers no catalog (404)",
                _ => $"GET /v2/_catalog answered {status}",
            };
            if (api.Length > 0) return new(DoctorStep.Catalog, DoctorStatus.Ok, $"{refused}.{api}");
            if (profile.Repositories.Count > 0)
                return new(DoctorStep.Catalog, DoctorStatus.Ok, $"{refused}; the profile pins {profile.Repositories.Count} repositor{(profile.Repositories.Count == 1 ? "y" : "ies")}, which are listed instead.");
            return new(DoctorStep.Catalog, DoctorStatus.Warning, $"{refused}, and the profile pins no repository, so the Repositories pane has nothing to list.",
                "Pin the repositories you use: p in Repositories (after typing a path with a), or \"repositories\" in the profile.");
        }

        private async Task<int> CatalogStatusAsync(CancellationToken cancellationToken)
        {
            var catalog = new Uri(_base, _base.AbsolutePath.TrimEnd('/') + "/v2/_catalog?n=1");
            using HttpResponseMessage first = await SendAsync(new HttpRequestMessage(HttpMethod.Get, catalog), cancellationToken).ConfigureAwait(false);
            if (first.StatusCode != HttpStatusCode.Unauthorized || _credentialFailed) return (int)first.StatusCode;
            _authenticator ??= new RegistryAuthenticator(_http!, ConnectionOptions());
            AuthenticationHeaderValue? header = await _authenticator.AuthenticateAsync(first, [Scopes.Catalog], null, cancellationToken).ConfigureAwait(false);
            if (header is null) return (int)first.StatusCode;
            var request = new HttpRequestMessage(HttpMethod.Get, catalog);
            request.Headers.Authorization = header;
            using HttpResponseMessage second = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            return (int)second.StatusCode;
        }

        /// <summary>
        /// " Harbor's API found (v2.11.0)..." when the registry is a Harbor as the listing decides it (the profile's
        /// <c>api</c>, else its <c>/api/v2.0/systeminfo</c> answers, with no login needed), " Docker Hub..." for Docker
        /// Hub, else empty. Harbor's API lists the projects of any member, where its catalog is for system admins only.
        /// </summary>
        private async Task<string> ListingApiAsync(CancellationToken cancellationToken)
        {
            if (RegistryEndpoint.CredentialHost(_base) == Reference.DockerHub)
                return " Docker Hub: a profile's namespace is listed through hub.docker.com's repository API instead.";
            switch (profile.Api)
            {
                case "distribution":
                    return "";
                case "harbor":
                    return " The profile says \"api\": \"harbor\": it lists the projects and repositories this user may see through Harbor's API.";
            }
            var systemInfo = new Uri($"{_base.Scheme}://{_base.Authority}/api/v2.0/systeminfo");
            try
            {
                var request = new HttpRequestMessage(HttpMethod.Get, systemInfo);
                request.Headers.Accept.ParseAdd("application/json");
                using HttpResponseMessage response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/json") return "";
                byte[] body = await BoundedContent.ReadAsync(response.Content, 64 * 1024, "Harbor system info", cancellationToken).ConfigureAwait(false);
                if (HarborSystemInfo.Parse(body) is not { } info) return "";
                string version = info.HarborVersion is { } v ? $" ({TerminalText.Sanitize(v, 40)})" : "";
                return $" Harbor's API found{version}: it lists the projects and repositories this user may see.";
            }
            catch (OciTuiException)
            {
                return "";
            }
        }

        // 8. The clock against the registry's.
        private DoctorStepResult ClockStep()
        {
            if (_ping is null) return new(DoctorStep.Clock, DoctorStatus.Skipped, "No answer from the registry to read its clock from.");
            if (_ping.Headers.Date is not { } date) return new(DoctorStep.Clock, DoctorStatus.Skipped, "The registry's answer carries no Date header to compare with.");
            TimeSpan skew = options.Time.GetUtcNow() - date;
            string registry = $"the registry's Date header ({date.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)})";
            if (skew.Duration() <= options.ClockTolerance)
                return new(DoctorStep.Clock, DoctorStatus.Ok, $"This machine's clock is within {Math.Round(skew.Duration().TotalSeconds)} s of {registry}.");
            string way = skew > TimeSpan.Zero ? "ahead of" : "behind";
            return new(DoctorStep.Clock, DoctorStatus.Warning,
                $"This machine's clock is {Human(skew.Duration())} {way} {registry}: tokens may look expired or not yet valid, and certificates expired or not yet valid.",
                "Set the clock right (timedatectl set-ntp true, or the NTP service), on this machine or the registry's.");
        }

        // 9. The proxy for this host.
        private DoctorStepResult ProxyStep()
        {
            if (_proxy.Proxy is null)
                return new(DoctorStep.Proxy, DoctorStatus.Ok, $"No proxy variable (HTTPS_PROXY, HTTP_PROXY, ALL_PROXY) applies to {_base.Scheme} requests: ocitui connects directly.");
            string set = $"{_proxy.Variable} is {_proxy.DisplayProxy}";
            if (_proxy.BypassedBy is { } entry)
                return new(DoctorStep.Proxy, DoctorStatus.Ok, $"{set}, but NO_PROXY's '{TerminalText.Sanitize(entry, 80)}' matches {Host}: ocitui connects directly.");
            bool pingFailed = Earlier(DoctorStep.Ping)?.Status == DoctorStatus.Failure;
            return new(DoctorStep.Proxy, pingFailed ? DoctorStatus.Warning : DoctorStatus.Ok,
                $"{set}: ocitui's requests to {Host} go through it (the dns, connect and tls steps above went directly).",
                pingFailed ? $"If the proxy cannot reach the registry, add {Host} to NO_PROXY; else check the proxy's address and that it runs." : null);
        }

        private CancellationTokenSource Deadline(CancellationToken cancellationToken)
        {
            var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.Timeout);
            return deadline;
        }

        private string Endpoint(IPAddress address) => new IPEndPoint(address, Port).ToString();

        private static IReadOnlyList<AuthChallenge> Challenges(HttpResponseMessage response) =>
            response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out HeaderStringValues values) ? AuthChallengeParser.Parse(values) : [];

        private static string Describe(AuthChallenge challenge)
        {
            var parts = new List<string>();
            foreach (string name in new[] { "realm", "service", "scope" })
            {
                if (challenge.Parameter(name) is { } value) parts.Add($"{name} {TerminalText.Sanitize(value, 120)}");
            }
            string scheme = TerminalText.Sanitize(challenge.Scheme, 20);
            return parts.Count == 0 ? scheme : $"{scheme} ({string.Join(", ", parts)})";
        }

        private static async Task<string> ReadSmallAsync(HttpResponseMessage response, CancellationToken cancellationToken)
        {
            try
            {
                return System.Text.Encoding.UTF8.GetString(await BoundedContent.ReadAsync(response.Content, 4096, "answer", cancellationToken).ConfigureAwait(false));
            }
            catch (Exception e) when (e is OciTuiException or IOException or HttpRequestException)
            {
                return "";
            }
        }

        private static string Sentence(SocketError error) => error switch
        {
            SocketError.HostNotFound => "no such host",
            SocketError.TryAgain => "the DNS server did not answer; try again",
            SocketError.NoData => "the name has no address",
            SocketError.ConnectionRefused => "refused",
            SocketError.TimedOut => "timed out",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable => "no route to it",
            _ => error.ToString(),
        };

        private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0} s";

        private static string Human(TimeSpan span) =>
            span.TotalHours >= 2 ? $"{span.TotalHours:0} hours" : span.TotalMinutes >= 2 ? $"{span.TotalMinutes:0} minutes" : $"{span.TotalSeconds:0} s";
    }

    /// <summary>The credential the credentials step found, so later steps use exactly it and run no helper twice.</summary>
    private sealed class Fixed(RegistryCredential? credential) : ICredentialProvider
    {
        public Task<RegistryCredential?> GetAsync(string registryHost, CancellationToken cancellationToken = default) => Task.FromResult(credential);
    }
}
