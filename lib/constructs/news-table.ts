import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE } from '../../functions/shared/resources';

function attributeType(type: 'S' | 'N'): AttributeType {
  return type === 'N' ? AttributeType.NUMBER : AttributeType.STRING;
}

/**
 * The single table, built from TABLE so keys and indexes match the local stack exactly.
 * Retained on stack deletion: it holds everything ingested, and rebuilding it means
 * re-ingesting every article.
 */
/** The ranking index before the count buckets: sorted on the count itself, whole items projected. */
const LEGACY_RANK_INDEX = { name: 'byTypeRank', partitionKey: 'gsi4pk', sortKey: 'articleCount' } as const;

export class NewsTable extends Construct {
  readonly table: TableV2;

  /** `keepLegacyRankIndex`: also the index a stack deployed before the ranking buckets has, for the first deploy of an upgrade. */
  constructor(scope: Construct, id: string, options: { keepLegacyRankIndex?: boolean } = {}) {
    super(scope, id);

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: Object.values(TABLE.indexes).map((index) => ({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: attributeType(index.sortKeyType) },
        projectionType: index.projection === 'ALL' ? ProjectionType.ALL : ProjectionType.KEYS_ONLY,
      })),
    });
    if (options.keepLegacyRankIndex) {
      this.table.addGlobalSecondaryIndex({
        indexName: LEGACY_RANK_INDEX.name,
        partitionKey: { name: LEGACY_RANK_INDEX.partitionKey, type: AttributeType.STRING },
        sortKey: { name: LEGACY_RANK_INDEX.sortKey, type: AttributeType.NUMBER },
        projectionType: ProjectionType.ALL,
      });
    }
  }

  /** ARNs of every index, one by one (narrower than the `<table>/index/*` a grant uses). */
  indexArns(): string[] {
    return Object.values(TABLE.indexes).map((index) => `${this.table.tableArn}/index/${index.name}`);
  }
}
