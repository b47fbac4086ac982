package io.burnrate.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.app.BoundedRocksDbConfig;
import io.burnrate.app.BurnrateApp;
import io.burnrate.config.BurnrateConfig;
import io.burnrate.serde.InMemorySchemaRegistryClient;
import io.burnrate.topology.PipelineMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/** Every RocksDB store of the process draws on one bounded block cache and one write-buffer budget. */
class BoundedRocksDbConfigTest {
  static {
    RocksDB.loadLibrary();
  }

  /** What Kafka Streams' RocksDBStore gives each memtable before the config setter runs. */
  private static final long KAFKA_STREAMS_WRITE_BUFFER_SIZE = 16L << 20;
  private static final Map<String, Object> DEFAULT_SIZES = Map.of(
      BurnrateConfig.ROCKSDB_BLOCK_CACHE, BurnrateConfig.DEFAULT_ROCKSDB_BLOCK_CACHE_BYTES,
      BurnrateConfig.ROCKSDB_WRITE_BUFFER, String.valueOf(BurnrateConfig.DEFAULT_ROCKSDB_WRITE_BUFFER_BYTES));

  @Test
  void everyStoreSharesOneCacheWithIndexAndFilterBlocksInItAndOneWriteBufferManager() {
    try (Options first = new Options(); Options second = new Options()) {
      first.setTableFormatConfig(new BlockBasedTableConfig());
      second.setTableFormatConfig(new BlockBasedTableConfig());
      BoundedRocksDbConfig setter = new BoundedRocksDbConfig();
      setter.setConfig("endpoint-state", first, DEFAULT_SIZES);
      new BoundedRocksDbConfig().setConfig("seen-event-ids.1700000000000", second, DEFAULT_SIZES);

      BoundedRocksDbConfig.SharedMemory shared = BoundedRocksDbConfig.shared().orElseThrow();
      assertThat(shared.blockCacheBytes()).isEqualTo(BurnrateConfig.DEFAULT_ROCKSDB_BLOCK_CACHE_BYTES);
      assertThat(shared.writeBufferBytes()).isEqualTo(BurnrateConfig.DEFAULT_ROCKSDB_WRITE_BUFFER_BYTES);
      for (Options options : new Options[] {first, second}) {
        assertThat(options.writeBufferManager()).isSameAs(shared.writeBuffers());
        assertThat(options.maxWriteBufferNumber()).isEqualTo(2);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        assertThat(table.cacheIndexAndFilterBlocks()).isTrue();
        assertThat(table.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
        assertThat(table.pinTopLevelIndexAndFilter()).isTrue();
      }
      setter.close("endpoint-state", first);
      assertThat(BoundedRocksDbConfig.shared()).as("closing a store keeps the shared cache").containsSame(shared);
    }
  }

  /**
   * Two pipelines of three tasks each open about a hundred RocksDB instances in one JVM (window stores
   * open one per segment). A write-buffer budget smaller than their memtables' first allocations
   * together would have every write flush its memtable to a new file: little data must stay in memory.
   */
  @Test
  void aHundredStoresWithAFewWritesEachFlushNothing(@TempDir Path dir) throws Exception {
    List<RocksDB> dbs = new ArrayList<>();
    List<Options> allOptions = new ArrayList<>();
    try {
      for (int store = 0; store < 100; store++) {
        Options options = new Options().setCreateIfMissing(true)
            .setWriteBufferSize(KAFKA_STREAMS_WRITE_BUFFER_SIZE).setMaxWriteBufferNumber(3);
        options.setTableFormatConfig(new BlockBasedTableConfig());
        new BoundedRocksDbConfig().setConfig("store-" + store, options, DEFAULT_SIZES);
        allOptions.add(options);
        dbs.add(RocksDB.open(options, dir.resolve("store-" + store).toString()));
      }
      for (int round = 0; round < 20; round++) {
        for (RocksDB db : dbs) {
          db.put(("key-" + round).getBytes(StandardCharsets.UTF_8), new byte[100]);
        }
      }

      for (RocksDB db : dbs) {
        assertThat(db.getLongProperty("rocksdb.num-immutable-mem-table")
            + Long.parseLong(db.getProperty("rocksdb.num-files-at-level0")))
            .as("memtables switched for 2 kB of data").isZero();
      }
    } finally {
      dbs.forEach(RocksDB::close);
      allOptions.forEach(Options::close);
    }
  }

  @Test
  void sizesAskedForByALaterPipelineInTheSameJvmDoNotReplaceTheFirst() {
    try (Options options = new Options()) {
      options.setTableFormatConfig(new BlockBasedTableConfig());
      new BoundedRocksDbConfig().setConfig("endpoint-state", options, DEFAULT_SIZES);
      BoundedRocksDbConfig.SharedMemory first = BoundedRocksDbConfig.shared().orElseThrow();

      new BoundedRocksDbConfig().setConfig("endpoint-state", options, Map.of(
          BurnrateConfig.ROCKSDB_BLOCK_CACHE, 8L << 20, BurnrateConfig.ROCKSDB_WRITE_BUFFER, 2L << 20));

      assertThat(BoundedRocksDbConfig.shared()).containsSame(first);
      assertThat(options.writeBufferManager()).isSameAs(first.writeBuffers());
    }
  }

  @Test
  void theApplicationRegistersItWithTheConfiguredSizes() {
    BurnrateConfig config = BurnrateConfig.of(Map.of(BurnrateConfig.ROCKSDB_BLOCK_CACHE, "33554432"));
    Properties props = new BurnrateApp(config, new InMemorySchemaRegistryClient(),
        new PipelineMetrics(new SimpleMeterRegistry()), Clock.systemUTC()).streamsProperties();

    assertThat(props.get(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG)).isEqualTo(BoundedRocksDbConfig.class.getName());
    assertThat(props.get(BurnrateConfig.ROCKSDB_BLOCK_CACHE)).isEqualTo(33_554_432L);
    assertThat(props.get(BurnrateConfig.ROCKSDB_WRITE_BUFFER)).isEqualTo(BurnrateConfig.DEFAULT_ROCKSDB_WRITE_BUFFER_BYTES);
  }

  @Test
  void theSizesAreSettingsWithLimitsAndHelp() {
    assertThat(BurnrateConfig.documentation())
        .contains(BurnrateConfig.ROCKSDB_BLOCK_CACHE, BurnrateConfig.ROCKSDB_WRITE_BUFFER);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> BurnrateConfig.of(Map.of(BurnrateConfig.ROCKSDB_WRITE_BUFFER, "1000")))
        .hasMessageContaining(BurnrateConfig.ROCKSDB_WRITE_BUFFER);
  }
}
