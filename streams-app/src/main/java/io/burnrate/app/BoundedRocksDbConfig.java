package io.burnrate.app;

import io.burnrate.config.BurnrateConfig;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the off-heap memory of every RocksDB store in the process, whatever the input: one LRU block
 * cache of {@value BurnrateConfig#ROCKSDB_BLOCK_CACHE} bytes shared by all stores (data, index and
 * filter blocks, the latter at high priority with the top-level index pinned), and one write-buffer
 * manager of {@value BurnrateConfig#ROCKSDB_WRITE_BUFFER} bytes whose memtables are charged to that
 * cache. Without it each store of each task opens its own cache and memtables, so memory grows with
 * the number of partitions and segments. Registered as {@code rocksdb.config.setter} by
 * {@link BurnrateApp#streamsProperties()}.
 *
 * <p>Kafka Streams creates one instance of this class per store, so the cache lives in a static holder,
 * created on the first store opened with the sizes that store's configuration gives. Several pipelines
 * in one JVM (tests, the demo) share it: later sizes are ignored, with a warning if they differ. It is
 * never closed: it lives as long as the JVM.
 *
 * <h2>Sizing, per 1,000 endpoints</h2>
 * Off-heap memory is the block cache setting, independent of the endpoint count; a cache that holds
 * the working set (state of recently active endpoints and their current hours) keeps reads off the disk.
 *
 * <table>
 *   <caption>Approximate state per 1,000 active endpoints with the default retentions</caption>
 *   <tr><th>store</th><th>what it keeps</th><th>on disk</th></tr>
 *   <tr><td>endpoint-state, endpoint-config, endpoint-baselines, active-alerts</td>
 *       <td>one entry per endpoint (the running figures, settings, 168 hours of baselines)</td>
 *       <td>about 50 MB</td></tr>
 *   <tr><td>endpoint-slices</td><td>one entry per endpoint and hour, 8 days
 *       ({@value BurnrateConfig#SLICE_RETENTION})</td><td>about 200 MB</td></tr>
 *   <tr><td>billing-line-items</td><td>one entry per line item, 35 days
 *       ({@value BurnrateConfig#LINE_ITEM_RETENTION}); hourly bills in two categories</td>
 *       <td>about 150 MB</td></tr>
 *   <tr><td>seen-event-ids</td><td>one id per request and replica event, for the event grace plus an
 *       hour; 10 requests/s per endpoint</td><td>about 2.5 GB</td></tr>
 * </table>
 *
 * Changelog topics hold the same again on the brokers. Heap: the record cache
 * ({@code statestore.cache.max.bytes}, 64 MiB by default) plus, per task, the settings of up to 10,000
 * endpoints and the index of which endpoint is next due for a tick (one entry per endpoint with state,
 * a few hundred bytes each): about 1 MB per 1,000 endpoints. The de-duplication store dominates; it
 * scales with the request rate times the grace ({@value BurnrateConfig#GRACE_EVENTS}), not with time.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
  private static final Logger log = LoggerFactory.getLogger(BoundedRocksDbConfig.class);
  /** Share of the block cache kept for index and filter blocks. */
  private static final double HIGH_PRIORITY_RATIO = 0.1;
  private static final int MEMTABLES_PER_STORE = 2;

  private static SharedMemory shared;
  private static boolean mismatchReported;

  /** The cache and write-buffer manager all stores of this JVM use, and the sizes they were made with. */
  public record SharedMemory(long blockCacheBytes, long writeBufferBytes, Cache cache, WriteBufferManager writeBuffers) {}

  /** The shared memory in effect, once the first store has been opened. */
  public static synchronized Optional<SharedMemory> shared() {
    return Optional.ofNullable(shared);
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    SharedMemory memory = sharedFor(
        bytes(configs, BurnrateConfig.ROCKSDB_BLOCK_CACHE, BurnrateConfig.DEFAULT_ROCKSDB_BLOCK_CACHE_BYTES),
        bytes(configs, BurnrateConfig.ROCKSDB_WRITE_BUFFER, BurnrateConfig.DEFAULT_ROCKSDB_WRITE_BUFFER_BYTES));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(memory.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(memory.writeBuffers());
    options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write-buffer manager are shared by every store: nothing of this store's to free.
  }

  private static synchronized SharedMemory sharedFor(long blockCacheBytes, long writeBufferBytes) {
    long writeBuffers = Math.min(writeBufferBytes, blockCacheBytes);
    if (shared == null) {
      Cache cache = new LRUCache(blockCacheBytes, -1, false, HIGH_PRIORITY_RATIO);
      shared = new SharedMemory(blockCacheBytes, writeBuffers, cache, new WriteBufferManager(writeBuffers, cache));
      log.info("RocksDB state stores share a {} byte block cache, {} bytes of it for write buffers",
          blockCacheBytes, writeBuffers);
    } else if ((shared.blockCacheBytes() != blockCacheBytes || shared.writeBufferBytes() != writeBuffers)
        && !mismatchReported) {
      mismatchReported = true;
      log.warn("RocksDB memory of this JVM was set to a {} byte block cache and {} bytes of write buffers by the"
              + " first pipeline started; {} and {} asked for now are ignored",
          shared.blockCacheBytes(), shared.writeBufferBytes(), blockCacheBytes, writeBuffers);
    }
    return shared;
  }

  private static long bytes(Map<String, Object> configs, String key, long fallback) {
    Object value = configs.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": '" + value + "' is not a number of bytes", e);
    }
  }
}
