import { buildReferenceApp } from './lib/app.js';

// `cdk synth` / `cdk deploy` run this file; the CLI passes cdk.json's context and the outdir.
buildReferenceApp().app.synth();
