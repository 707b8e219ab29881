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
export class NewsTable extends Construct {
  readonly table: TableV2;

  constructor(scope: Construct, id: string) {
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
        // The query API reads whole items from every index.
        projectionType: ProjectionType.ALL,
      })),
    });
  }

  /** ARNs of every index, one by one (narrower than the `<table>/index/*` a grant uses). */
  indexArns(): string[] {
    return Object.values(TABLE.indexes).map((index) => `${this.table.tableArn}/index/${index.name}`);
  }
}
