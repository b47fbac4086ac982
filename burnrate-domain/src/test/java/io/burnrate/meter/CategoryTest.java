package io.burnrate.meter;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnrate.schema.BillingCategory;
import org.junit.jupiter.api.Test;

class CategoryTest {

  private static long[] metered(long compute, long transfer) {
    return new long[] {compute, transfer};
  }

  private static long[] billed(long compute, long transfer, long egress, long storage, long other) {
    return new long[] {compute, transfer, egress, storage, other};
  }

  @Test
  void everyBillingCategoryHasItsIndex() {
    assertThat(Category.of(BillingCategory.COMPUTE)).isEqualTo(Category.COMPUTE);
    assertThat(Category.of(BillingCategory.COLD_START_TRANSFER)).isEqualTo(Category.COLD_START_TRANSFER);
    assertThat(Category.of(BillingCategory.EGRESS)).isEqualTo(Category.EGRESS);
    assertThat(Category.of(BillingCategory.STORAGE)).isEqualTo(Category.STORAGE);
    assertThat(Category.of(BillingCategory.OTHER)).isEqualTo(Category.OTHER);
  }

  @Test
  void visibleSpendIsTheLargerOfMeteredAndBilledPerCategory() {
    assertThat(Category.visible(metered(1_200_000, 2_340_000), billed(1_500_000, 2_000_000, 0, 0, 0)))
        .isEqualTo(1_500_000 + 2_340_000);
  }

  @Test
  void billEqualToTheEstimateAddsNothing() {
    assertThat(Category.visible(metered(1_200_000, 0), billed(1_200_000, 0, 0, 0, 0))).isEqualTo(1_200_000);
  }

  @Test
  void billedOnlyCategoriesAddUp() {
    assertThat(Category.visible(metered(1_000_000, 0), billed(0, 0, 400_000, 100_000, 50_000)))
        .isEqualTo(1_550_000);
  }

  @Test
  void sourceSaysWhereTheVisibleFigureComesFrom() {
    assertThat(Category.source(metered(1_000_000, 0), billed(0, 0, 0, 0, 0))).isEqualTo("metered");
    assertThat(Category.source(metered(1_000_000, 0), billed(900_000, 0, 0, 0, 0))).isEqualTo("metered");
    assertThat(Category.source(metered(0, 0), billed(900_000, 0, 0, 0, 0))).isEqualTo("billed");
    assertThat(Category.source(metered(1_000_000, 0), billed(1_100_000, 0, 0, 0, 0))).isEqualTo("billed");
    assertThat(Category.source(metered(1_000_000, 0), billed(0, 0, 400_000, 0, 0))).isEqualTo("metered and billed");
  }
}
