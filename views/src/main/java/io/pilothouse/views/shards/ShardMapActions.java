package io.pilothouse.views.shards;

import io.pilothouse.services.shards.map.ShardMap;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What the shard map window asks the app to do. {@link #read()} returns at once and completes on a background thread. */
public interface ShardMapActions {

    /** Nothing to read (screenshots, tests that publish maps themselves): never completes. */
    ShardMapActions NONE = CompletableFuture::new;

    /** Reads every shard map of the workspace; fails with the reason. */
    CompletableFuture<List<ShardMap>> read();
}
