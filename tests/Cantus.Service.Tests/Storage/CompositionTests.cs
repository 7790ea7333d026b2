using Cantus.Service.Storage;
using Cantus.Service.Storage.Library;

namespace Cantus.Service.Tests.Storage;

public abstract class CompositionTests(StoreFixture fixture)
{
    private CantusStore Store => fixture.Store;

    [StoreFact]
    public async Task CreateGetListDelete()
    {
        var owner = await Store.NewUserAsync();
        var melody = await Store.NewMelodyAsync(owner);
        var sample = await Store.NewSampleModelAsync();
        var wav = await Store.Blobs.PutTextAsync("wav " + StoreIds.New());
        var png = await Store.Blobs.PutTextAsync("png " + StoreIds.New());
        var composition = await Store.Compositions.CreateAsync(new CompositionRecord
        {
            OwnerId = owner, MelodyId = melody.Id, ModelId = sample.Id, Seed = long.MaxValue, Candidates = 8, Steps = 256,
            MidiSha256 = await Store.Blobs.PutTextAsync("midi " + StoreIds.New()), WavSha256 = wav, PngSha256 = png,
            ShareToken = "ignored", SharedAt = DateTimeOffset.UnixEpoch,
        });
        Assert.Null(composition.ShareToken);
        Assert.Null(composition.SharedAt);
        Assert.Null(composition.CriticScore);
        Assert.Equal(composition, await Store.Compositions.GetAsync(owner, composition.Id));
        Assert.Equal([composition], await Store.Compositions.ListAsync(owner));

        Assert.True(await Store.Compositions.DeleteAsync(owner, composition.Id));
        Assert.Null(await Store.Compositions.GetAsync(owner, composition.Id));
        Assert.False(await Store.Compositions.DeleteAsync(owner, composition.Id));
        Assert.True(await Store.Blobs.ExistsAsync(wav));
    }

    [StoreFact]
    public async Task AnotherUsersCompositionIsMissing()
    {
        var owner = await Store.NewUserAsync();
        var stranger = await Store.NewUserAsync();
        var composition = await Store.NewCompositionAsync(owner, (await Store.NewMelodyAsync(owner)).Id, (await Store.NewModelAsync(owner)).Id);

        Assert.Null(await Store.Compositions.GetAsync(stranger, composition.Id));
        Assert.Empty(await Store.Compositions.ListAsync(stranger));
        Assert.Null(await Store.Compositions.ShareAsync(stranger, composition.Id));
        Assert.False(await Store.Compositions.UnshareAsync(stranger, composition.Id));
        Assert.False(await Store.Compositions.DeleteAsync(stranger, composition.Id));
        Assert.Equal(composition, await Store.Compositions.GetAsync(owner, composition.Id));
    }

    [StoreFact]
    public async Task OnlyTheOwnersMelodyAndAVisibleModelCanBeComposedWith()
    {
        var owner = await Store.NewUserAsync();
        var stranger = await Store.NewUserAsync();
        var melody = await Store.NewMelodyAsync(owner);
        var model = await Store.NewModelAsync(owner);
        var strangersMelody = await Store.NewMelodyAsync(stranger);
        var strangersModel = await Store.NewModelAsync(stranger);

        var byMelody = await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.NewCompositionAsync(owner, strangersMelody.Id, model.Id));
        Assert.Contains(strangersMelody.Id, byMelody.Message, StringComparison.Ordinal);
        var byModel = await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.NewCompositionAsync(owner, melody.Id, strangersModel.Id));
        Assert.Contains(strangersModel.Id, byModel.Message, StringComparison.Ordinal);
        var noBlob = new CompositionRecord { OwnerId = owner, MelodyId = melody.Id, ModelId = model.Id, MidiSha256 = new string('f', 64) };
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.Compositions.CreateAsync(noBlob));
        Assert.Empty(await Store.Compositions.ListAsync(owner));
    }

    [StoreFact]
    public async Task ShareLinksWorkWithoutTheOwnerUntilRevoked()
    {
        var owner = await Store.NewUserAsync();
        var composition = await Store.NewCompositionAsync(owner, (await Store.NewMelodyAsync(owner)).Id, (await Store.NewModelAsync(owner)).Id);
        Assert.Null(await Store.Compositions.GetSharedAsync(StoreIds.NewToken()));

        var token = await Store.Compositions.ShareAsync(owner, composition.Id);
        Assert.NotNull(token);
        Assert.Equal(43, token.Length);
        Assert.Equal(token, await Store.Compositions.ShareAsync(owner, composition.Id));
        var shared = await Store.Compositions.GetSharedAsync(token);
        Assert.Equal(composition.Id, shared?.Id);
        Assert.Equal(token, shared?.ShareToken);
        Assert.NotNull(shared?.SharedAt);

        Assert.True(await Store.Compositions.UnshareAsync(owner, composition.Id));
        Assert.Null(await Store.Compositions.GetSharedAsync(token));
        Assert.Null((await Store.Compositions.GetAsync(owner, composition.Id))!.ShareToken);
        var again = await Store.Compositions.ShareAsync(owner, composition.Id);
        Assert.NotEqual(token, again);
        Assert.Null(await Store.Compositions.GetSharedAsync(token));
        Assert.Equal(composition.Id, (await Store.Compositions.GetSharedAsync(again!))?.Id);
    }

    [StoreFact]
    public async Task ARevisionReplacesTheMidi_DropsTheRenderings_AndKeepsTheShareLink()
    {
        var owner = await Store.NewUserAsync();
        var composition = await Store.NewCompositionAsync(owner, (await Store.NewMelodyAsync(owner)).Id, (await Store.NewModelAsync(owner)).Id);
        Assert.Null(composition.RevisedAt);
        var wav = await Store.Blobs.PutTextAsync("wav " + StoreIds.New());
        var png = await Store.Blobs.PutTextAsync("png " + StoreIds.New());
        Assert.True(await Store.Compositions.SetRenderingsAsync(composition.Id, composition.MidiSha256, wav, png));
        var token = await Store.Compositions.ShareAsync(owner, composition.Id);

        fixture.Clock.Advance(TimeSpan.FromSeconds(1));
        var edited = await Store.Blobs.PutTextAsync("edited " + StoreIds.New());
        var revised = await Store.Compositions.ReviseAsync(owner, composition.Id, edited, 64);
        Assert.NotNull(revised);
        Assert.Equal((edited, 64, (string?)null, (string?)null), (revised.MidiSha256, revised.Steps, revised.WavSha256, revised.PngSha256));
        Assert.NotNull(revised.RevisedAt);
        Assert.True(revised.RevisedAt > composition.CreatedAt);
        Assert.Equal((composition.CreatedAt, composition.MelodyId, token), (revised.CreatedAt, revised.MelodyId, revised.ShareToken));
        Assert.Equal(revised, await Store.Compositions.GetAsync(owner, composition.Id));
        Assert.Equal(edited, (await Store.Compositions.GetSharedAsync(token!))?.MidiSha256);

        // A rendering made from the old MIDI (started before the revision) is not kept for the new one.
        Assert.False(await Store.Compositions.SetRenderingsAsync(composition.Id, composition.MidiSha256, wav, png));
        Assert.Null((await Store.Compositions.GetAsync(owner, composition.Id))!.WavSha256);
        Assert.True(await Store.Compositions.SetRenderingsAsync(composition.Id, edited, wav, null));
        Assert.Equal(wav, (await Store.Compositions.GetAsync(owner, composition.Id))!.WavSha256);
        Assert.True(await Store.Blobs.ExistsAsync(composition.MidiSha256)); // left to garbage collection
    }

    [StoreFact]
    public async Task ARevisionOfAnotherUsersComposition_OrToAMissingBlob_ChangesNothing()
    {
        var owner = await Store.NewUserAsync();
        var stranger = await Store.NewUserAsync();
        var composition = await Store.NewCompositionAsync(owner, (await Store.NewMelodyAsync(owner)).Id, (await Store.NewModelAsync(owner)).Id);
        var edited = await Store.Blobs.PutTextAsync("edited " + StoreIds.New());

        Assert.Null(await Store.Compositions.ReviseAsync(stranger, composition.Id, edited, 32));
        Assert.Null(await Store.Compositions.ReviseAsync(owner, StoreIds.New(), edited, 32));
        await Assert.ThrowsAsync<StoreNotFoundException>(() => Store.Compositions.ReviseAsync(owner, composition.Id, new string('e', 64), 32));
        Assert.Equal(composition, await Store.Compositions.GetAsync(owner, composition.Id));
    }

    public sealed class OnSqlite(SqliteStoreFixture fixture) : CompositionTests(fixture), IClassFixture<SqliteStoreFixture>;

    public sealed class OnPostgreSql(PostgreSqlStoreFixture fixture) : CompositionTests(fixture), IClassFixture<PostgreSqlStoreFixture>;
}
