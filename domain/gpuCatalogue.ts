/**
 * The GPU catalogue: GPUs per SageMaker instance type and the on-demand hourly price of a
 * real-time inference instance per region (USD). Data only, in this one file; a stack adds or
 * corrects entries with its `gpuCatalogue` key (merged over this one by mergeGpuCatalogue in
 * gpuCatalogueRules.ts). No other code states a GPU count or a price.
 *
 * Source and date, stated honestly:
 * - GPU counts: AWS's accelerated-computing instance specifications (EC2 G4dn, G5, G6, G6e, P3,
 *   P4d, P5 pages), the same for the `ml.` types. Counts for ml.g5.* were cross-checked on 2026-12-05
 *   against a stored copy of a published AWS GPU table (g5.xlarge-16xlarge: 1, g5.12xlarge and
 *   g5.24xlarge: 4, g5.48xlarge: 8); the others were not re-checked here.
 * - Prices: us-east-1 figures of the "Real-Time Inference" on-demand table of
 *   https://aws.amazon.com/sagemaker/pricing/ as last read by the author. NONE is verified against
 *   AWS: this repository has no internet, and on 2026-12-05 no stored copy of AWS's price table
 *   could be found (the pricing page draws its tables in the browser). PRICE_PROVENANCE says, per
 *   priced entry, whether it is an estimate or agrees with third-party pages (URL, the figure they
 *   quote, the date read), and where those pages disagree. Prices change: a stack that bills by
 *   these figures should set its own with `gpuCatalogue`. Regions other than us-east-1 have no
 *   built-in price: a stack there supplies it.
 */

export interface GpuInstanceFacts {
    /** Physical GPUs (accelerator devices) per instance. */
    readonly gpus: number;
    /** On-demand USD per instance-hour, by region (`us-east-1`). */
    readonly hourlyUsd: Readonly<Record<string, number>>;
}

export type GpuCatalogue = Readonly<Record<string, GpuInstanceFacts>>;

export const GPU_CATALOGUE_SOURCE = {
    gpus: "AWS EC2 accelerated-computing instance specifications (G4dn, G5, G6, G6e, P3, P4d, P5)",
    prices: "https://aws.amazon.com/sagemaker/pricing/ (Real-Time Inference, on-demand, US East (N. Virginia)), as last read by the author; not re-read",
    recordedOn: "2026-12-05",
} as const;

/** A third-party page quoting a us-east-1 SageMaker real-time price, as read through the stored-pages search. @public */
export interface PriceCitation {
    readonly url: string;
    /** The USD per hour it quotes. */
    readonly figureUsd: number;
    /** When it was read here. */
    readonly read: string;
    /** What the page says about its own date and region. */
    readonly says: string;
}

/**
 * Where one built-in price comes from. `estimate`: the author's reading of AWS's page, unchecked.
 * `third-party`: third-party pages quote a figure; `agrees` says whether all of them round to ours.
 * Neither is a verification against AWS. @public
 */
export type PriceProvenance =
    | { readonly basis: "estimate"; readonly note?: string }
    | { readonly basis: "third-party"; readonly agrees: boolean; readonly pages: readonly PriceCitation[] };

const WRING = "https://www.wring.co/blog/aws-sagemaker-inference-guide";
const ZIRCON = "https://zircon.tech/blog/the-real-cost-of-running-ai-models-on-aws-sagemaker-inference-deep-dive";
const READ = "2026-12-05";
const estimate: PriceProvenance = { basis: "estimate" };

/** One entry per priced instance type of BUILT_IN_GPU_CATALOGUE (test/domain/gpuCatalogue.spec.ts checks it). */
export const PRICE_PROVENANCE: Readonly<Record<string, PriceProvenance>> = {
    "ml.g4dn.xlarge": estimate,
    "ml.g4dn.2xlarge": estimate,
    "ml.g4dn.4xlarge": estimate,
    "ml.g4dn.8xlarge": estimate,
    "ml.g4dn.12xlarge": estimate,
    "ml.g4dn.16xlarge": estimate,
    "ml.g5.xlarge": {
        basis: "third-party",
        // The two pages disagree; 1.408 is kept, the nearer one's figure rounded as AWS prints it.
        agrees: false,
        pages: [
            { url: ZIRCON, figureUsd: 1.41, read: READ, says: "us-east-1, October 2025" },
            { url: WRING, figureUsd: 1.21, read: READ, says: "on-demand per hour, March 2026, no region stated" },
        ],
    },
    "ml.g5.2xlarge": {
        basis: "third-party",
        agrees: true,
        pages: [{ url: WRING, figureUsd: 1.52, read: READ, says: "on-demand per hour, March 2026, no region stated" }],
    },
    "ml.g5.4xlarge": estimate,
    "ml.g5.8xlarge": estimate,
    "ml.g5.16xlarge": estimate,
    "ml.g5.12xlarge": {
        basis: "estimate",
        note: "several public repositories' cost tables quote 7.09, none naming a page that could be read here",
    },
    "ml.g5.24xlarge": estimate,
    "ml.g5.48xlarge": estimate,
    "ml.p4d.24xlarge": {
        basis: "third-party",
        agrees: true,
        pages: [{ url: WRING, figureUsd: 37.69, read: READ, says: "on-demand per hour, March 2026, no region stated" }],
    },
};

const usEast1 = (price: number) => ({ "us-east-1": price });

export const BUILT_IN_GPU_CATALOGUE: GpuCatalogue = {
    "ml.g4dn.xlarge": { gpus: 1, hourlyUsd: usEast1(0.736) },
    "ml.g4dn.2xlarge": { gpus: 1, hourlyUsd: usEast1(0.94) },
    "ml.g4dn.4xlarge": { gpus: 1, hourlyUsd: usEast1(1.505) },
    "ml.g4dn.8xlarge": { gpus: 1, hourlyUsd: usEast1(2.72) },
    "ml.g4dn.12xlarge": { gpus: 4, hourlyUsd: usEast1(4.89) },
    "ml.g4dn.16xlarge": { gpus: 1, hourlyUsd: usEast1(5.44) },
    "ml.g5.xlarge": { gpus: 1, hourlyUsd: usEast1(1.408) },
    "ml.g5.2xlarge": { gpus: 1, hourlyUsd: usEast1(1.515) },
    "ml.g5.4xlarge": { gpus: 1, hourlyUsd: usEast1(2.03) },
    "ml.g5.8xlarge": { gpus: 1, hourlyUsd: usEast1(3.06) },
    "ml.g5.16xlarge": { gpus: 1, hourlyUsd: usEast1(5.12) },
    "ml.g5.12xlarge": { gpus: 4, hourlyUsd: usEast1(7.09) },
    "ml.g5.24xlarge": { gpus: 4, hourlyUsd: usEast1(10.18) },
    "ml.g5.48xlarge": { gpus: 8, hourlyUsd: usEast1(20.36) },
    // GPU counts only: no price could be checked at all; a stack using these supplies its price.
    "ml.g6.xlarge": { gpus: 1, hourlyUsd: {} },
    "ml.g6.2xlarge": { gpus: 1, hourlyUsd: {} },
    "ml.g6.4xlarge": { gpus: 1, hourlyUsd: {} },
    "ml.g6.8xlarge": { gpus: 1, hourlyUsd: {} },
    "ml.g6.12xlarge": { gpus: 4, hourlyUsd: {} },
    "ml.g6.16xlarge": { gpus: 1, hourlyUsd: {} },
    "ml.g6.24xlarge": { gpus: 4, hourlyUsd: {} },
    "ml.g6.48xlarge": { gpus: 8, hourlyUsd: {} },
    "ml.g6e.xlarge": { gpus: 1, hourlyUsd: {} },
    "ml.g6e.12xlarge": { gpus: 4, hourlyUsd: {} },
    "ml.g6e.48xlarge": { gpus: 8, hourlyUsd: {} },
    "ml.p3.2xlarge": { gpus: 1, hourlyUsd: {} },
    "ml.p3.8xlarge": { gpus: 4, hourlyUsd: {} },
    "ml.p3.16xlarge": { gpus: 8, hourlyUsd: {} },
    "ml.p4d.24xlarge": { gpus: 8, hourlyUsd: usEast1(37.688) },
    "ml.p5.48xlarge": { gpus: 8, hourlyUsd: {} },
};
