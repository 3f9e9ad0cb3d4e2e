// ESM resolve hook registered by child-preload.mjs: `import 'aws-cdk-lib'` from an app without
// node_modules resolves against topology's own packages.
const FALLBACK_PACKAGES = /^(?:aws-cdk-lib|constructs)(?:\/|$)/;
let fallbackParentURL;

export function initialize(data) {
  fallbackParentURL = data.parentURL;
}

export async function resolve(specifier, context, nextResolve) {
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !FALLBACK_PACKAGES.test(specifier)) throw error;
    return nextResolve(specifier, { ...context, parentURL: fallbackParentURL });
  }
}
