// What replaces an image that is not loaded (remote images off, or a server-relative path with no server here), in
// the page's preview and in the embed: a box that holds its own text. Small icons (avatar, author and footer icons)
// become an empty box of the icon's size, labelled; content images a box with their alt text and the reason.
const ICON = /(?:^|\s)mm-(?:post__avatar-img|attachment__(?:footer-icon|author-icon))(?:\s|$)/;
const REMOTE = /^https?:\/\//i;

/** Replaces `img` (whose src is not to be loaded) with its placeholder; returns the placeholder. */
export function blockImage(img) {
  const doc = img.ownerDocument;
  const src = img.getAttribute('src') || '';
  img.removeAttribute('src');
  img.removeAttribute('srcset');
  const why = REMOTE.test(src) ? 'not loaded: remote images are off' : 'not loaded: no server here for this path';
  const box = doc.createElement('span');
  box.className = `${img.className} mmp-img-blocked`.trim();
  box.setAttribute('role', 'img');
  if (src) box.dataset.blockedSrc = src;
  if (ICON.test(img.className)) {
    box.classList.add('mmp-img-blocked--icon');
    box.setAttribute('aria-label', `Icon ${why}`);
    box.title = `Icon ${why}`;
  } else {
    const alt = (img.getAttribute('alt') || '').trim();
    box.setAttribute('aria-label', `${alt || 'Image'} (${why})`);
    box.textContent = `${alt || 'Image'} (${why})`;
  }
  img.replaceWith(box);
  return box;
}

/** true for a placeholder made by blockImage (it stands where the renderer put an <img>). */
export const isBlockedImage = (node) => node.nodeType === 1 && node.classList.contains('mmp-img-blocked');
