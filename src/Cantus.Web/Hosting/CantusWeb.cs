using System.Text.Json.Serialization;
using Cantus.Service;
using Cantus.Service.Composing;
using Cantus.Service.Compositions;
using Cantus.Service.Jobs;
using Cantus.Service.Storage;
using Cantus.Service.Storage.Maintenance;
using Cantus.Service.Datasets;
using Cantus.Service.Models;
using Cantus.Service.Accounts;
using Cantus.Web.Api;
using Cantus.Web.Auth;
using Cantus.Web.Errors;
using Cantus.Web.KeyRing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Scalar.AspNetCore;

namespace Cantus.Web.Hosting;

/// <summary>Builds the Cantus web host: the REST API under <c>/api</c>, its OpenAPI document and reference page, problem+json errors.</summary>
public static class CantusWeb
{
    /// <summary>The host for <paramref name="args"/> (configuration: <c>Cantus:*</c>; <paramref name="configure"/> may change the builder, e.g. in tests).</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Quiet defaults under every other source (appsettings, environment, arguments win): a line per
        // request from ASP.NET Core, and the scheduler's start-up lines, are noise to a person running it.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning", ["Logging:LogLevel:Quartz"] = "Warning" },
        });
        configure?.Invoke(builder);
        var settings = Settings(builder.Configuration);
        AddCantus(builder.Services, settings);
        // Bodies that are not uploads are small; the upload endpoints raise the limit for themselves (RequestSizeLimit).
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = settings.MaxBodyBytes);
        var app = builder.Build();
        app.Services.GetRequiredService<CantusStore>(); // open the database and apply migrations at start, not on the first request
        KeyRingSetup.PrepareKeyRing(app.Services);
        // Exactly one of several nodes starting together on an empty database creates it; the others say nothing.
        if (settings.Public && app.Services.GetRequiredService<AccountService>().EnsureAdminAsync().GetAwaiter().GetResult() is { } password)
            // Shown once on the console, never logged: the administrator signs in with it and changes it.
            Console.Out.WriteLine($"cantus: created the administrator 'admin' with the password {password} (shown once; change it with 'cantus admin users password admin')");
        app.UseCantusForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseConsoleFiles();
        app.UseCantusAuth(settings);
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Cantus API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
        app.MapHealthApi();
        app.MapSessionApi();
        app.MapTokensApi();
        app.MapModelsApi();
        app.MapDatasetsApi();
        app.MapCompositionsApi();
        app.MapMelodiesApi();
        app.MapEvaluationsApi();
        app.MapTrainingJobsApi();
        app.MapSoundFontApi();
        app.MapSampleMelodiesApi();
        app.MapConsolePages();
        return app;
    }

    /// <summary>
    /// The section <c>Cantus</c> of <paramref name="configuration"/>; a list setting given as one
    /// value (<c>Cantus__TrustedProxies=10.0.0.5,10.0.1.0/24</c>) is read as that one entry.
    /// </summary>
    public static CantusWebSettings Settings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(CantusWebSettings.Section);
        var settings = section.Get<CantusWebSettings>() ?? new CantusWebSettings();
        if (section[nameof(CantusWebSettings.TrustedProxies)] is { } single) settings.TrustedProxies = [single];
        return settings;
    }

    /// <summary>Registers the settings (section <c>Cantus</c>), the store, the use cases, the training jobs, storage maintenance, error handling, JSON conventions and OpenAPI.</summary>
    public static void AddCantus(IServiceCollection services, CantusWebSettings settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        var paths = ServicePaths.For(settings.Data) with { SampleModelsDirectory = settings.SampleModels ?? ServicePaths.FindSampleModels() };
        var connection = settings.Database ?? Path.Combine(paths.DataDirectory, CantusDatabase.DefaultFileName);
        if (settings.Database is null) Directory.CreateDirectory(paths.DataDirectory);
        services.AddSingleton(settings);
        services.AddSingleton(paths);
        services.AddCantusAuth(settings);
        services.AddCantusForwardedHeaders(TrustedProxies.Parse(settings.TrustedProxies));
        services.AddCantusKeyRing(KeyRingSecret.Resolve(settings.KeyRingSecret, CantusDatabase.Resolve(connection).Engine, settings.Public, paths.DataDirectory));
        services.AddSingleton(sp => new ModelLibrary(sp.GetRequiredService<ServicePaths>(), sp.GetRequiredService<CantusStore>));
        services.AddSingleton(sp => new DatasetLibrary(sp.GetRequiredService<ServicePaths>(), sp.GetRequiredService<CantusStore>));
        services.AddHostedService<BuiltInDatasetSeeding>(); // the data directory's built-in datasets into the store, before the jobs start
        services.AddSingleton(ComposeBatching.FromWaitMs(settings.ComposeBatchWaitMs)).AddSingleton(sp => new ComposeMelody(sp.GetRequiredService<ModelLibrary>(), sp.GetRequiredService<ComposeBatching>()));
        services.AddSingleton(sp => new Service.Melodies.MelodyLibrary(sp.GetRequiredService<CantusStore>()));
        // A database that is not up yet (a cluster starting) is waited for, with a line each try, rather than ending the node.
        services.AddSingleton(_ => CantusStore.OpenWhenAvailableAsync(connection, m => Console.Error.WriteLine($"cantus: {m}")).GetAwaiter().GetResult());
        services.AddCantusJobs(connection, settings.Jobs, runWorker: settings.Worker);
        services.AddCantusMaintenance(settings.Maintenance); // blobs nothing refers to, and this node's unused dataset cache
        services.AddSingleton(sp => new Service.Evaluation.EvaluationLibrary(sp.GetRequiredService<CantusStore>(), sp.GetRequiredService<ModelLibrary>(), sp.GetRequiredService<DatasetLibrary>()));
        services.AddSingleton(Service.Audio.AudioSettings.Default); // one place for how WAVs are rendered: the compositions and /api/soundfont agree
        services.AddSingleton(sp => new Service.Audio.SoundFontSource(sp.GetRequiredService<Service.Audio.AudioSettings>()));
        services.AddSingleton(sp => new CompositionLibrary(sp.GetRequiredService<CantusStore>(), sp.GetRequiredService<ComposeMelody>(), sp.GetRequiredService<ModelLibrary>(),
            sp.GetRequiredService<Service.Audio.AudioSettings>()));
        services.AddSingleton(new Service.Melodies.SampleMelodies(settings.SampleMelodies ?? ServicePaths.FindSampleMelodies()));
        services.AddSingleton(sp => new Service.Training.TrainingEstimator(sp.GetRequiredService<CantusStore>(), sp.GetRequiredService<ModelLibrary>(),
            sp.GetRequiredService<DatasetLibrary>()));
        if (settings.WarmUp) services.AddHostedService<ComposeWarmUp>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Detail ??= c.ProblemDetails.Status switch
        {
            404 => "There is nothing at this address; the API reference is at /api/reference.",
            405 => "This address does not take that method; the API reference is at /api/reference.",
            415 => "This endpoint takes another body format (multipart/form-data for uploads, application/json otherwise); the API reference is at /api/reference.",
            _ => null,
        });
        services.AddExceptionHandler<CantusExceptionHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        services.AddOpenApi();
        services.AddHttpClient();
    }
}
