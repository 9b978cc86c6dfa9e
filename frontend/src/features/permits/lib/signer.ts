// How the permits pages get a signature with the SIGN key: the app hands them the `eds` feature's
// signer, rendered over the texts to sign (a digest, a PDF's SHA-256), under the given button.
import type { ReactNode } from 'react';
import type { SignedTextsHandler } from '@/lib/signed-challenge';

export type RenderSigner = (texts: readonly string[], onSigned: SignedTextsHandler, submitLabel: string) => ReactNode;
