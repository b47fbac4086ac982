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
 * Off-heap memory is the block cache setting, whatever the endpoint count or the input. On disk, each
 * store holds (entries per 1,000 endpoints with the default retentions; bytes per entry vary with the
 * traffic, {@code du} of {@code state.dir} gives them for a deployment):
 *
 * <table>
 *   <caption>State per 1,000 endpoints</caption>
 *   <tr><th>store</th><th>entries</th><th>bounded by</th></tr>
 *   <tr><td>endpoint-state, endpoint-config, endpoint-baselines, task-clock</td>
 *       <td>1,000 each (one per endpoint; task-clock one per task)</td><td>endpoints seen</td></tr>
 *   <tr><td>endpoint-slices</td><td>192,000: one per endpoint and hour for 8 days</td>
 *       <td>{@value BurnrateConfig#SLICE_RETENTION}</td></tr>
 *   <tr><td>billing-line-items</td><td>line items of 35 days: 1.68 million with two hourly bills per
 *       endpoint</td><td>{@value BurnrateConfig#LINE_ITEM_RETENTION}</td></tr>
 *   <tr><td>seen-event-ids</td><td>every request and replica event id of the last 65 minutes (event
 *       grace plus an hour) and up to one segment more: 39 million at 10 requests/s per endpoint, about
 *       60 bytes each (the prefixed id, the window key, one byte), so about 2.3 GB: the largest</td>
 *       <td>{@value BurnrateConfig#GRACE_EVENTS} and the request rate</td></tr>
 *   <tr><td>active-alerts, metrics-pending, regional-hours</td><td>open alerts, endpoint-hours awaiting
 *       a metrics update, closed hours per instance type</td><td>alerts, the metrics interval, the regional
 *       settle delay</td></tr>
 *   <tr><td>regional-episodes</td><td>at most 1,000: endpoints with an open regional episode or a
 *       regional advice of the last days</td><td>endpoints seen, the billing grace</td></tr>
 * </table>
 *
 * Changelog topics hold the same again on the brokers. Heap, beyond the record cache
 * ({@code statestore.cache.max.bytes}, 8 MiB by default) and the decoded endpoint states and slices
 * (12 MiB per task): per task, the settings of at most 2,000 endpoints, and the index of which
 * endpoint is next due for a tick, one entry per endpoint with state;
 * per process, one billing-drift gauge per endpoint. These grow with the number of endpoints, not with
 * the number of records.
 */
public final class BoundedRocksDbConfig implements RocksDBConfigSetter {
  private static final Logger log = LoggerFactory.getLogger(BoundedRocksDbConfig.class);
  /** Share of the block cache kept for index and filter blocks. */
  private static final double HIGH_PRIORITY_RATIO = 0.1;
  private static final int MEMTABLES_PER_STORE = 2;
  /**
   * A memtable takes memory in blocks of this size, the first on its first write. RocksDB's default
   * (an eighth of the 16 MiB write buffer Kafka Streams sets, capped at 1 MiB) times the hundred or so
   * stores of a few tasks (window stores open one per segment) is more than the write-buffer budget, and
   * then the budget has every write flush its store's memtable, a file per write.
   */
  static final long ARENA_BLOCK_BYTES = 64L << 10;

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
    options.setArenaBlockSize(ARENA_BLOCK_BYTES);
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
